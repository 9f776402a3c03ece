// The layout check a person does by eye (see layout.py): returns the problems found.
(() => {
  const problems = [];
  const wide = document.documentElement.scrollWidth - window.innerWidth;
  if (wide > 1) problems.push(`страница шире экрана на ${wide} px`);
  const visible = (e) => {
    const r = e.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return false;
    // Folded away (a closed <details>) or otherwise not rendered.
    if (!e.checkVisibility({contentVisibilityAuto: true, opacityProperty: true, visibilityProperty: true})) return false;
    for (let x = e; x; x = x.parentElement) {
      const s = getComputedStyle(x);
      if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') return false;
      if (x.classList && (x.classList.contains('visually-hidden') || x.classList.contains('visually-hidden-focusable'))) return false;
    }
    return true;
  };
  const name = (e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} «${(e.innerText || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 40)}»`;
  // The boxes a control shows in (a link wrapped over two lines has two), clipped by any
  // scrolling or clipping ancestor.
  const shown = (e) => [...e.getClientRects()].map((r) => {
    let box = {l: r.left, t: r.top, r: r.right, b: r.bottom};
    for (let x = e.parentElement; x && x !== document.body; x = x.parentElement) {
      const s = getComputedStyle(x);
      if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
        const c = x.getBoundingClientRect();
        box = {l: Math.max(box.l, c.left), t: Math.max(box.t, c.top), r: Math.min(box.r, c.right), b: Math.min(box.b, c.bottom)};
      }
    }
    return box;
  });
  const overlap = (ps, qs) => {
    let best = null;
    for (const p of ps) for (const q of qs) {
      const w = Math.min(p.r, q.r) - Math.max(p.l, q.l), h = Math.min(p.b, q.b) - Math.max(p.t, q.t);
      if (w > 3 && h > 3 && (!best || w * h > best[0] * best[1])) best = [w, h];
    }
    return best;
  };
  const controls = [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, label, summary, legend, .form-label'
  )].filter(visible);
  const boxes = controls.map(shown);
  for (let i = 0; i < controls.length; i++) {
    for (let j = i + 1; j < controls.length; j++) {
      const a = controls[i], b = controls[j];
      if (a.contains(b) || b.contains(a)) continue;
      if (a.tagName === 'LABEL' && a.htmlFor && a.htmlFor === b.id) continue;
      if (b.tagName === 'LABEL' && b.htmlFor && b.htmlFor === a.id) continue;
      const found = overlap(boxes[i], boxes[j]);
      if (found) problems.push(`${name(a)} наезжает на ${name(b)} (${Math.round(found[0])}×${Math.round(found[1])} px)`);
    }
  }
  for (const e of document.querySelectorAll('th, td, label, .btn, dt, dd, summary, legend, .badge, .nav-link')) {
    if (!visible(e)) continue;
    const s = getComputedStyle(e);
    if (s.overflowX === 'visible' && s.textOverflow !== 'ellipsis' && e.tagName !== 'TD' && e.tagName !== 'TH') {
      // Text that spills out of its box is cut by the next box or lies on it.
      if (e.scrollWidth > e.clientWidth + 2 && e.clientWidth > 0) problems.push(`${name(e)}: текст не помещается (${e.scrollWidth} > ${e.clientWidth})`);
    } else if (e.scrollWidth > e.clientWidth + 2 && e.clientWidth > 0) {
      problems.push(`${name(e)}: текст обрезан (${e.scrollWidth} > ${e.clientWidth})`);
    }
  }
  return problems.slice(0, 20);
})
