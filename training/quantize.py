"""Dynamic int8 quantization with the node pattern onnxruntime's `quantize_dynamic` emits.

onnxruntime's Python package is not available from Debian, so this re-implements the part of
`quantize_dynamic(weight_type=QInt8, per_channel=False)` that a BERT export touches:

- MatMul with a constant weight: DynamicQuantizeLinear on the activation (uint8, one per
  activation, shared by Q/K/V) -> MatMulInteger with an int8 symmetric weight (zero point 0)
  -> Cast to float -> Mul by (activation scale * weight scale). Names follow ORT
  (`<x>_quantized`, `<x>_scale`, `<node>_quant`, `<out>_output_quantized_cast_output`, ...).
- Gather from a constant table (the embeddings): uint8 asymmetric table, Gather, then
  DequantizeLinear back to float.
- MatMuls of two activations (attention scores, context) stay float; Softmax is untouched.
"""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def _quantize_int8_symmetric(w):
    absmax = float(np.abs(w).max())
    scale = absmax / 127.0 if absmax > 0 else 1.0
    q = np.clip(np.rint(w / scale), -127, 127).astype(np.int8)
    return q, np.float32(scale), np.int8(0)


def _quantize_uint8_asymmetric(w):
    rmin, rmax = min(0.0, float(w.min())), max(0.0, float(w.max()))
    scale = (rmax - rmin) / 255.0 if rmax > rmin else 1.0
    zero_point = int(np.clip(np.rint(-rmin / scale), 0, 255))
    q = np.clip(np.rint(w / scale) + zero_point, 0, 255).astype(np.uint8)
    return q, np.float32(scale), np.uint8(zero_point)


def quantize_dynamic(model_path, out_path):
    model = onnx.load(model_path)
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    new_inits, new_nodes, dropped = [], [], set()
    activation_q = {}  # activation name -> (quantized, scale, zero point)
    weight_q = {}  # weight name -> (quantized, scale, zero point)

    def add_weight(name, quantizer):
        if name not in weight_q:
            q, scale, zp = quantizer(numpy_helper.to_array(inits[name]))
            qn, sn, zn = name + '_quantized', name + '_scale', name + '_zero_point'
            new_inits.extend([numpy_helper.from_array(q, qn), numpy_helper.from_array(np.array(scale), sn),
                              numpy_helper.from_array(np.array(zp), zn)])
            weight_q[name] = (qn, sn, zn)
            dropped.add(name)
        return weight_q[name]

    for node in graph.node:
        if node.op_type == 'MatMul' and node.input[1] in inits and len(inits[node.input[1]].dims) == 2:
            a, w = node.input
            if a not in activation_q:
                names = (a + '_quantized', a + '_scale', a + '_zero_point')
                new_nodes.append(helper.make_node('DynamicQuantizeLinear', [a], list(names), a + '_QuantizeLinear'))
                activation_q[a] = names
            aq, ascale, azp = activation_q[a]
            wq, wscale, wzp = add_weight(w, _quantize_int8_symmetric)
            out = node.output[0]
            name = node.name + '_quant'
            int_out = out + '_output_quantized'
            new_nodes.append(helper.make_node('MatMulInteger', [aq, wq, azp, wzp], [int_out], name))
            cast_out = int_out + '_cast_output'
            new_nodes.append(helper.make_node('Cast', [int_out], [cast_out], int_out + '_cast', to=TensorProto.FLOAT))
            scales_name = name + '_scales_mul'
            new_nodes.append(helper.make_node('Mul', [ascale, wscale], [scales_name + ':0'], scales_name))
            new_nodes.append(helper.make_node('Mul', [cast_out, scales_name + ':0'], [out], name + '_output_scale_mul'))
        elif node.op_type == 'Gather' and node.input[0] in inits and len(inits[node.input[0]].dims) == 2:
            table, indices = node.input
            tq, tscale, tzp = add_weight(table, _quantize_uint8_asymmetric)
            out = node.output[0]
            new_nodes.append(helper.make_node('Gather', [tq, indices], [out + '_quantized'], node.name,
                                              axis=next((a.i for a in node.attribute if a.name == 'axis'), 0)))
            new_nodes.append(helper.make_node('DequantizeLinear', [out + '_quantized', tscale, tzp], [out],
                                              out + '_DequantizeLinear'))
        else:
            new_nodes.append(node)

    still_used = {i for n in new_nodes for i in n.input}
    kept = [i for i in graph.initializer if i.name not in dropped or i.name in still_used]
    del graph.node[:]
    graph.node.extend(new_nodes)
    del graph.initializer[:]
    graph.initializer.extend(kept + new_inits)
    if not any(o.domain in ('', 'ai.onnx') and o.version >= 11 for o in model.opset_import):
        raise ValueError('DynamicQuantizeLinear needs opset >= 11')
    onnx.checker.check_model(model)
    onnx.save(model, out_path)
    return {'matmuls': len(activation_q), 'weights': len(weight_q)}
