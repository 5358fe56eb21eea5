// Live eligibility on the counter form: as the clerk types the rooms, the
// form is sent to /cases/preview and the result replaces the panel.  The
// form works without this file (the "Calcola" button does the same).
(function () {
  'use strict';
  var form = document.querySelector('form[data-eligibility]');
  var panel = document.getElementById('elig-panel');
  if (!form || !panel || !window.fetch) return;
  var timer = null;
  var seq = 0;

  function text(tag, content, cls) {
    var el = document.createElement(tag);
    el.textContent = content;
    if (cls) el.className = cls;
    return el;
  }

  function show(doc) {
    panel.replaceChildren();
    if (doc.errors) {
      var list = document.createElement('ul');
      list.className = 'mb-0 small';
      Object.keys(doc.errors).forEach(function (k) {
        list.appendChild(text('li', doc.errors[k]));
      });
      panel.appendChild(list);
      return;
    }
    var max = text('p', 'Numero massimo di occupanti: ' + doc.max_occupants, 'fw-bold mb-1');
    max.id = 'elig-max';
    panel.appendChild(max);
    var lines = document.createElement('ul');
    lines.className = 'mb-0 small';
    lines.id = 'elig-lines';
    doc.explanation.forEach(function (l) { lines.appendChild(text('li', l)); });
    panel.appendChild(lines);
    panel.appendChild(text('p', 'Regole ' + doc.rule_set.id + ' v' + doc.rule_set.version,
      'small text-muted mb-0'));
  }

  function update() {
    var mine = ++seq;
    var body = new URLSearchParams(new FormData(form));
    fetch('/cases/preview', {
      method: 'POST',
      headers: { 'Accept': 'application/json' },
      body: body,
      credentials: 'same-origin'
    }).then(function (r) { return r.json(); })
      .then(function (doc) { if (mine === seq) show(doc); })
      .catch(function () { /* keep the last result */ });
  }

  form.addEventListener('input', function (ev) {
    var name = ev.target.name || '';
    if (!/^(rooms|residents|hosted)\./.test(name)) return;
    clearTimeout(timer);
    timer = setTimeout(update, 300);
  });
  form.addEventListener('change', function (ev) {
    var name = ev.target.name || '';
    if (!/^(rooms|residents|hosted)\./.test(name)) return;
    clearTimeout(timer);
    timer = setTimeout(update, 100);
  });
})();
