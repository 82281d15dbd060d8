"""The training-loss curve as a small, self-contained SVG (no plotting library on Debian's torch stack)."""
import math


def nice_ticks(lo, hi, count=5):
    span = hi - lo
    step = 10 ** math.floor(math.log10(span / count))
    for m in (1, 2, 2.5, 5, 10):
        if span / (step * m) <= count:
            step *= m
            break
    first = math.ceil(lo / step) * step
    ticks, v = [], first
    while v <= hi + 1e-9:
        ticks.append(round(v, 10))
        v += step
    return ticks


def fmt(v):
    return f'{v:g}'


def loss_svg(log, markers=(), width=640, height=360, window=25):
    """Per-step masked-LM loss (thin, light) and its running mean over `window` steps (thick);
    markers: (step, label) pairs drawn as dashed vertical lines."""
    steps = [r['step'] for r in log]
    loss = [r['mlm_loss'] for r in log]
    smooth = []
    for i in range(len(loss)):
        chunk = loss[max(0, i - window + 1):i + 1]
        smooth.append(sum(chunk) / len(chunk))
    left, right, top, bottom = 64, 20, 40, 52
    pw, ph = width - left - right, height - top - bottom
    x_max = max(steps)
    y_lo, y_hi = 0.0, math.ceil(max(loss) + 0.25)
    x = lambda s: left + pw * s / x_max  # noqa: E731
    y = lambda v: top + ph * (1 - (v - y_lo) / (y_hi - y_lo))  # noqa: E731

    def path(values):
        return 'M' + 'L'.join(f'{x(s):.1f},{y(v):.1f}' for s, v in zip(steps, values))

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">',
           '<title>BERTology Lens mini: masked-LM training loss</title>',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
           f'<text x="{left}" y="22" font-size="14" font-weight="bold" fill="#222">'
           'Masked-LM training loss (Brown corpus)</text>']
    for t in nice_ticks(y_lo, y_hi):
        out.append(f'<line x1="{left}" x2="{left + pw}" y1="{y(t):.1f}" y2="{y(t):.1f}" stroke="#e4e4e4"/>')
        out.append(f'<text x="{left - 8}" y="{y(t) + 4:.1f}" text-anchor="end" fill="#444">{fmt(t)}</text>')
    for t in nice_ticks(0, x_max):
        out.append(f'<line x1="{x(t):.1f}" x2="{x(t):.1f}" y1="{top + ph}" y2="{top + ph + 5}" stroke="#444"/>')
        out.append(f'<text x="{x(t):.1f}" y="{top + ph + 19}" text-anchor="middle" fill="#444">{fmt(t)}</text>')
    out.append(f'<line x1="{left}" x2="{left + pw}" y1="{top + ph}" y2="{top + ph}" stroke="#444"/>')
    out.append(f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + ph}" stroke="#444"/>')
    for i, (step, label) in enumerate(markers):
        out.append(f'<line x1="{x(step):.1f}" x2="{x(step):.1f}" y1="{top}" y2="{top + ph}" stroke="#888" '
                   'stroke-dasharray="4 3"/>')
        out.append(f'<text x="{x(step) - 4:.1f}" y="{top + ph - 8 - 16 * i}" text-anchor="end" fill="#555">'
                   f'{label}</text>')
    out.append(f'<path d="{path(loss)}" fill="none" stroke="#9ecae1" stroke-width="1"/>')
    out.append(f'<path d="{path(smooth)}" fill="none" stroke="#08519c" stroke-width="2.2"/>')
    out.append(f'<text x="{left + pw / 2}" y="{height - 12}" text-anchor="middle" fill="#222">'
               'training step</text>')
    out.append(f'<text transform="translate(18 {top + ph / 2}) rotate(-90)" text-anchor="middle" fill="#222">'
               'cross-entropy at masked tokens (nats)</text>')
    lx = left + pw - 190
    out.append(f'<line x1="{lx}" x2="{lx + 24}" y1="{top + 10}" y2="{top + 10}" stroke="#9ecae1" stroke-width="1"/>')
    out.append(f'<text x="{lx + 30}" y="{top + 14}" fill="#444">per step</text>')
    out.append(f'<line x1="{lx}" x2="{lx + 24}" y1="{top + 28}" y2="{top + 28}" stroke="#08519c" stroke-width="2.2"/>')
    out.append(f'<text x="{lx + 30}" y="{top + 32}" fill="#444">mean of last {window} steps</text>')
    out.append('</svg>')
    return '\n'.join(out) + '\n'
