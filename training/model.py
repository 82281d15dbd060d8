"""BERT for masked-LM, written to match Hugging Face's `BertForMaskedLM` module for module.

Parameter names (`bert.encoder.layer.0.attention.self.query.weight`, `cls.predictions...`) and
the forward code (`x.size()` + `view` + `permute`, additive `(1 - mask) * finfo.min`, explicit
softmax, post-LayerNorm residuals, exact erf GELU) follow transformers' modeling_bert.py, so
`torch.onnx.export` emits the node names and patterns real Hub exports have
(`/bert/encoder/layer.N/attention/self/Softmax`, decomposed LayerNorm at opset 14, ...).
An optional next-sentence head (`cls.seq_relationship` + `bert.pooler`, as in BertForPreTraining)
is used in training only and is not exported, as BertForMaskedLM drops it too.
"""
import math

import torch
from torch import nn


class BertConfig:
    def __init__(self, vocab_size, hidden_size=256, num_hidden_layers=6, num_attention_heads=4,
                 intermediate_size=1024, max_position_embeddings=128, type_vocab_size=2,
                 hidden_dropout_prob=0.1, attention_probs_dropout_prob=0.1, layer_norm_eps=1e-12,
                 initializer_range=0.02, pad_token_id=0):
        self.vocab_size = vocab_size
        self.hidden_size = hidden_size
        self.num_hidden_layers = num_hidden_layers
        self.num_attention_heads = num_attention_heads
        self.intermediate_size = intermediate_size
        self.max_position_embeddings = max_position_embeddings
        self.type_vocab_size = type_vocab_size
        self.hidden_dropout_prob = hidden_dropout_prob
        self.attention_probs_dropout_prob = attention_probs_dropout_prob
        self.layer_norm_eps = layer_norm_eps
        self.initializer_range = initializer_range
        self.pad_token_id = pad_token_id

    def to_dict(self):
        return dict(self.__dict__)

    def hf_config(self):
        """config.json as transformers writes it for BertForMaskedLM."""
        return {
            '_name_or_path': 'bertology-lens/mini',
            'architectures': ['BertForMaskedLM'],
            'model_type': 'bert',
            'vocab_size': self.vocab_size,
            'hidden_size': self.hidden_size,
            'num_hidden_layers': self.num_hidden_layers,
            'num_attention_heads': self.num_attention_heads,
            'intermediate_size': self.intermediate_size,
            'hidden_act': 'gelu',
            'hidden_dropout_prob': self.hidden_dropout_prob,
            'attention_probs_dropout_prob': self.attention_probs_dropout_prob,
            'max_position_embeddings': self.max_position_embeddings,
            'type_vocab_size': self.type_vocab_size,
            'initializer_range': self.initializer_range,
            'layer_norm_eps': self.layer_norm_eps,
            'pad_token_id': self.pad_token_id,
            'position_embedding_type': 'absolute',
            'use_cache': True,
            'classifier_dropout': None,
            'torch_dtype': 'float32',
            'transformers_version': '4.44.2',
        }


class BertEmbeddings(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.word_embeddings = nn.Embedding(config.vocab_size, config.hidden_size, padding_idx=config.pad_token_id)
        self.position_embeddings = nn.Embedding(config.max_position_embeddings, config.hidden_size)
        self.token_type_embeddings = nn.Embedding(config.type_vocab_size, config.hidden_size)
        self.LayerNorm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.dropout = nn.Dropout(config.hidden_dropout_prob)
        self.register_buffer('position_ids', torch.arange(config.max_position_embeddings).expand((1, -1)),
                             persistent=False)

    def forward(self, input_ids, token_type_ids):
        input_shape = input_ids.size()
        seq_length = input_shape[1]
        position_ids = self.position_ids[:, 0:seq_length]
        inputs_embeds = self.word_embeddings(input_ids)
        token_type_embeddings = self.token_type_embeddings(token_type_ids)
        embeddings = inputs_embeds + token_type_embeddings
        position_embeddings = self.position_embeddings(position_ids)
        embeddings += position_embeddings
        embeddings = self.LayerNorm(embeddings)
        embeddings = self.dropout(embeddings)
        return embeddings


class BertSelfAttention(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.num_attention_heads = config.num_attention_heads
        self.attention_head_size = config.hidden_size // config.num_attention_heads
        self.all_head_size = self.num_attention_heads * self.attention_head_size
        self.query = nn.Linear(config.hidden_size, self.all_head_size)
        self.key = nn.Linear(config.hidden_size, self.all_head_size)
        self.value = nn.Linear(config.hidden_size, self.all_head_size)
        self.dropout = nn.Dropout(config.attention_probs_dropout_prob)

    def transpose_for_scores(self, x):
        new_x_shape = x.size()[:-1] + (self.num_attention_heads, self.attention_head_size)
        x = x.view(new_x_shape)
        return x.permute(0, 2, 1, 3)

    def forward(self, hidden_states, attention_mask, keep_probs=False):
        mixed_query_layer = self.query(hidden_states)
        key_layer = self.transpose_for_scores(self.key(hidden_states))
        value_layer = self.transpose_for_scores(self.value(hidden_states))
        query_layer = self.transpose_for_scores(mixed_query_layer)

        attention_scores = torch.matmul(query_layer, key_layer.transpose(-1, -2))
        attention_scores = attention_scores / math.sqrt(self.attention_head_size)
        attention_scores = attention_scores + attention_mask
        attention_probs = nn.functional.softmax(attention_scores, dim=-1)
        self.last_probs = attention_probs if keep_probs else None
        attention_probs = self.dropout(attention_probs)

        context_layer = torch.matmul(attention_probs, value_layer)
        context_layer = context_layer.permute(0, 2, 1, 3).contiguous()
        new_context_layer_shape = context_layer.size()[:-2] + (self.all_head_size,)
        context_layer = context_layer.view(new_context_layer_shape)
        return context_layer


class BertSelfOutput(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.dense = nn.Linear(config.hidden_size, config.hidden_size)
        self.LayerNorm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.dropout = nn.Dropout(config.hidden_dropout_prob)

    def forward(self, hidden_states, input_tensor):
        hidden_states = self.dense(hidden_states)
        hidden_states = self.dropout(hidden_states)
        hidden_states = self.LayerNorm(hidden_states + input_tensor)
        return hidden_states


class BertAttention(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.self = BertSelfAttention(config)
        self.output = BertSelfOutput(config)

    def forward(self, hidden_states, attention_mask, keep_probs=False):
        self_outputs = self.self(hidden_states, attention_mask, keep_probs)
        return self.output(self_outputs, hidden_states)


class GELUActivation(nn.Module):
    """Exact (erf) GELU, as transformers' ACT2FN['gelu']."""

    def forward(self, x):
        return nn.functional.gelu(x)


class BertIntermediate(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.dense = nn.Linear(config.hidden_size, config.intermediate_size)
        self.intermediate_act_fn = GELUActivation()

    def forward(self, hidden_states):
        return self.intermediate_act_fn(self.dense(hidden_states))


class BertOutput(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.dense = nn.Linear(config.intermediate_size, config.hidden_size)
        self.LayerNorm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.dropout = nn.Dropout(config.hidden_dropout_prob)

    def forward(self, hidden_states, input_tensor):
        hidden_states = self.dense(hidden_states)
        hidden_states = self.dropout(hidden_states)
        hidden_states = self.LayerNorm(hidden_states + input_tensor)
        return hidden_states


class BertLayer(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.attention = BertAttention(config)
        self.intermediate = BertIntermediate(config)
        self.output = BertOutput(config)

    def forward(self, hidden_states, attention_mask, keep_probs=False):
        attention_output = self.attention(hidden_states, attention_mask, keep_probs)
        intermediate_output = self.intermediate(attention_output)
        return self.output(intermediate_output, attention_output)


class BertEncoder(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.layer = nn.ModuleList([BertLayer(config) for _ in range(config.num_hidden_layers)])

    def forward(self, hidden_states, attention_mask, keep_probs=False):
        for layer_module in self.layer:
            hidden_states = layer_module(hidden_states, attention_mask, keep_probs)
        return hidden_states


class BertPooler(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.dense = nn.Linear(config.hidden_size, config.hidden_size)
        self.activation = nn.Tanh()

    def forward(self, hidden_states):
        return self.activation(self.dense(hidden_states[:, 0]))


class BertModel(nn.Module):
    def __init__(self, config, add_pooling_layer=False):
        super().__init__()
        self.config = config
        self.embeddings = BertEmbeddings(config)
        self.encoder = BertEncoder(config)
        self.pooler = BertPooler(config) if add_pooling_layer else None

    def forward(self, input_ids, attention_mask, token_type_ids, keep_probs=False):
        embedding_output = self.embeddings(input_ids, token_type_ids)
        # get_extended_attention_mask: [B, S] -> [B, 1, 1, S], 0 where attended, finfo.min where masked.
        extended_attention_mask = attention_mask[:, None, None, :]
        extended_attention_mask = extended_attention_mask.to(dtype=embedding_output.dtype)
        extended_attention_mask = (1.0 - extended_attention_mask) * torch.finfo(embedding_output.dtype).min
        return self.encoder(embedding_output, extended_attention_mask, keep_probs)

    def attention_probs(self):
        return [layer.attention.self.last_probs for layer in self.encoder.layer]


class BertPredictionHeadTransform(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.dense = nn.Linear(config.hidden_size, config.hidden_size)
        self.transform_act_fn = GELUActivation()
        self.LayerNorm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)

    def forward(self, hidden_states):
        return self.LayerNorm(self.transform_act_fn(self.dense(hidden_states)))


class BertLMPredictionHead(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.transform = BertPredictionHeadTransform(config)
        self.decoder = nn.Linear(config.hidden_size, config.vocab_size, bias=False)
        self.bias = nn.Parameter(torch.zeros(config.vocab_size))
        self.decoder.bias = self.bias

    def forward(self, hidden_states):
        return self.decoder(self.transform(hidden_states))


class BertOnlyMLMHead(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.predictions = BertLMPredictionHead(config)

    def forward(self, sequence_output):
        return self.predictions(sequence_output)


class BertForMaskedLM(nn.Module):
    """Exported graph: (input_ids, attention_mask, token_type_ids) -> logits [B, S, V]."""

    def __init__(self, config, with_nsp=False):
        super().__init__()
        self.config = config
        self.bert = BertModel(config, add_pooling_layer=with_nsp)
        self.cls = BertOnlyMLMHead(config)
        # Next-sentence head of BertForPreTraining; trained, never exported.
        self.nsp = nn.Linear(config.hidden_size, 2) if with_nsp else None
        self.apply(self._init_weights)
        self.cls.predictions.decoder.weight = self.bert.embeddings.word_embeddings.weight  # tied

    def _init_weights(self, module):
        std = self.config.initializer_range
        if isinstance(module, nn.Linear):
            module.weight.data.normal_(mean=0.0, std=std)
            if module.bias is not None:
                module.bias.data.zero_()
        elif isinstance(module, nn.Embedding):
            module.weight.data.normal_(mean=0.0, std=std)
            if module.padding_idx is not None:
                module.weight.data[module.padding_idx].zero_()
        elif isinstance(module, nn.LayerNorm):
            module.bias.data.zero_()
            module.weight.data.fill_(1.0)

    def forward(self, input_ids, attention_mask, token_type_ids):
        sequence_output = self.bert(input_ids, attention_mask, token_type_ids)
        return self.cls(sequence_output)

    def pretraining_losses(self, input_ids, attention_mask, token_type_ids, mlm_positions, mlm_labels,
                           nsp_labels=None):
        """MLM loss over the masked positions only (the head runs just there), plus NSP if present.

        mlm_positions: flat indices into B*S; mlm_labels: target ids at those positions.
        """
        sequence_output = self.bert(input_ids, attention_mask, token_type_ids)
        flat = sequence_output.reshape(-1, sequence_output.size(-1))
        logits = self.cls(flat.index_select(0, mlm_positions))
        mlm_loss = nn.functional.cross_entropy(logits, mlm_labels)
        with torch.no_grad():
            mlm_correct = (logits.argmax(-1) == mlm_labels).sum()
        nsp_loss = torch.zeros(())
        if self.nsp is not None and nsp_labels is not None:
            pooled = self.bert.pooler(sequence_output)
            nsp_loss = nn.functional.cross_entropy(self.nsp(pooled), nsp_labels)
        return mlm_loss, nsp_loss, mlm_correct

    def mlm_state_dict(self):
        """Weights BertForMaskedLM has (no pooler, no NSP head)."""
        return {k: v for k, v in self.state_dict().items()
                if not k.startswith('bert.pooler.') and not k.startswith('nsp.')}


def count_parameters(model, exported_only=True):
    seen, total = set(), 0
    for name, p in model.named_parameters():
        if exported_only and (name.startswith('bert.pooler.') or name.startswith('nsp.')):
            continue
        if id(p) in seen:
            continue
        seen.add(id(p))
        total += p.numel()
    return total
