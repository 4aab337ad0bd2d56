// Vigil HTML report: renders the finding lists from the JSON embedded in the page.
// Safety rule: data only ever reaches the page through textContent / createTextNode, never innerHTML.
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('data').textContent);
  var STATUS = ['fail', 'unknown', 'pass', 'not applicable'];
  var SEV = ['critical', 'high', 'medium', 'low', 'info'];
  var PAGE = 100;

  // Finding rows: [rule, status, scope, type, id, name, arn, message, evidence, suppressed, findingId];
  // message and evidence are indexes into D.texts (evidence as JSON text, -1 when none).
  var R = 0, ST = 1, SC = 2, TY = 3, ID = 4, NAME = 5, ARN = 6, MSG = 7, EV = 8, SUP = 9, FID = 10;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function add(parent, child) { parent.appendChild(child); return child; }
  function badge(kind, label) { return el('span', 'badge b-' + kind.replace(/[^a-z_]/g, ''), label || kind); }
  // `aws 123456789012 us-east-1`; TLS endpoints have placeholders for account and region (`tls`, `global`).
  function scopeText(i) { var s = D.scopes[i]; return s[1] === s[0] && s[2] === 'global' ? s[0] : s[0] + ' ' + s[1] + ' ' + s[2]; }
  function fmt(n) { return n.toLocaleString('en-US'); }
  function message(f) { return D.texts[f[MSG]]; }
  function evidence(f) { return f[EV] >= 0 ? JSON.parse(D.texts[f[EV]]) : null; }

  // Evidence as an auditor reads it: plain values as text, lists one item per line, lists of records as a
  // small table, nested records as nested key/value lists. Long lists show their first items and a count.
  var EV_ITEMS = 10;
  function isPlain(v) { return v === null || typeof v !== 'object'; }
  function plainText(v) { return v === null ? '—' : String(v); }
  function evidenceValue(v, depth) {
    if (isPlain(v)) return el('span', null, plainText(v));
    if (depth > 3) return el('span', 'mono', JSON.stringify(v));
    if (Array.isArray(v)) {
      if (!v.length) return el('span', 'muted', 'none');
      var shown = v.slice(0, EV_ITEMS), rest = v.length - shown.length, box = el('div');
      if (v.every(isPlain)) {
        var ul = add(box, el('ul', 'ev-list'));
        shown.forEach(function (x) { add(ul, el('li', null, plainText(x))); });
      } else if (v.every(function (x) { return x && typeof x === 'object' && !Array.isArray(x) && Object.keys(x).every(function (k) { return isPlain(x[k]); }); })) {
        // Records of plain values (e.g. exposure paths): one line each, `key value · key value`, which wraps
        // in a narrow column where a table would not.
        var rl = add(box, el('ol', 'ev-list ev-records'));
        shown.forEach(function (x) {
          var li = add(rl, el('li'));
          Object.keys(x).forEach(function (k, j) {
            if (j) li.appendChild(document.createTextNode(' · '));
            add(li, el('span', 'muted', k + ' '));
            li.appendChild(document.createTextNode(plainText(x[k])));
          });
        });
      } else {
        var ol = add(box, el('ol', 'ev-list'));
        shown.forEach(function (x) { add(add(ol, el('li')), evidenceValue(x, depth + 1)); });
      }
      if (rest > 0) add(box, el('div', 'muted', 'and ' + fmt(rest) + ' more (all in findings.json)'));
      return box;
    }
    return evidenceList(v, depth + 1);
  }
  function evidenceList(ev, depth) {
    var dl = el('dl', 'evidence');
    Object.keys(ev).forEach(function (k) {
      add(dl, el('dt', null, k));
      add(add(dl, el('dd')), evidenceValue(ev[k], depth || 0));
    });
    return dl;
  }

  function findingRow(i, showRule) {
    var f = D.f[i];
    var tr = el('tr', 'st-' + f[ST]);
    var st = add(tr, el('td'));
    add(st, badge(f[ST] === 3 ? 'not_applicable' : STATUS[f[ST]], STATUS[f[ST]]));
    if (f[SUP]) { st.appendChild(document.createTextNode(' ')); add(st, badge('suppressed')); }
    if (showRule) add(tr, el('td', 'mono rule', D.rules[f[R]].id));
    var res = add(tr, el('td', 'res'));
    add(res, el('div', 'mono', f[NAME] && f[NAME] !== f[ID] ? f[NAME] + ' (' + f[ID] + ')' : f[ID]));
    add(res, el('div', 'muted', D.types[f[TY]] + ' · ' + scopeText(f[SC])));
    if (f[ARN]) add(res, el('div', 'muted mono', f[ARN]));
    var msg = add(tr, el('td', 'msg'));
    if (f.length > MSG) {
      add(msg, el('div', null, message(f)));
      if (f[SUP]) add(msg, el('div', 'muted', 'Suppressed: ' + f[SUP]));
      if (f[FID]) add(msg, el('div', 'muted mono', 'finding ' + f[FID]));
    } else {
      add(msg, el('span', 'muted', 'details in findings.json'));
    }
    var evc = add(tr, el('td', 'ev'));
    var ev = f.length > EV ? evidence(f) : null;
    if (ev && typeof ev === 'object') add(evc, evidenceList(ev));
    return tr;
  }

  // A table that renders PAGE rows at a time from a list of finding indexes.
  function pagedTable(container, indexes, headers, rowFn) {
    var table = add(container, el('table'));
    var hr = add(add(table, el('thead')), el('tr'));
    headers.forEach(function (h) { add(hr, el('th', null, h)); });
    var tbody = add(table, el('tbody'));
    var shown = 0;
    var more = el('button', 'more');
    more.type = 'button';
    function page() {
      var end = Math.min(indexes.length, shown + PAGE);
      var frag = document.createDocumentFragment();
      for (; shown < end; shown++) frag.appendChild(rowFn(indexes[shown]));
      tbody.appendChild(frag);
      var left = indexes.length - shown;
      more.textContent = 'Show ' + fmt(Math.min(PAGE, left)) + ' more (' + fmt(left) + ' left)';
      more.hidden = left <= 0;
    }
    more.addEventListener('click', page);
    container.appendChild(more);
    page();
  }

  // ---- findings grouped by rule, with filters ----
  var form = document.getElementById('filters');
  var groupsEl = document.getElementById('groups');
  var countEl = document.getElementById('match-count');
  var packs = {};
  D.rules.forEach(function (r) { packs[r.pack] = true; });
  var packSelect = form.elements.namedItem('pack');
  Object.keys(packs).sort().forEach(function (p) { var o = el('option', null, p); o.value = p; packSelect.appendChild(o); });

  var haystack = null;
  function hay(i) {
    if (!haystack) haystack = new Array(D.f.length);
    var h = haystack[i];
    if (h === undefined) {
      var f = D.f[i], r = D.rules[f[R]];
      h = haystack[i] = [r.id, r.title, f[ID], f[NAME] || '', f[ARN] || '', f.length > MSG ? message(f) : '', D.types[f[TY]], scopeText(f[SC])].join('\n').toLowerCase();
    }
    return h;
  }

  function readFilters() {
    var st = {}, sev = {};
    Array.prototype.forEach.call(form.querySelectorAll('input[name=status]'), function (c) { if (c.checked) st[c.value] = true; });
    Array.prototype.forEach.call(form.querySelectorAll('input[name=severity]'), function (c) { if (c.checked) sev[c.value] = true; });
    return { st: st, sev: sev, pack: packSelect.value, q: form.elements.namedItem('q').value.trim().toLowerCase(), sup: form.elements.namedItem('suppressed').checked };
  }

  var open = {};
  function render() {
    var flt = readFilters();
    var byRule = {};
    var total = 0;
    for (var i = 0; i < D.f.length; i++) {
      var f = D.f[i], r = D.rules[f[R]];
      if (!flt.st[f[ST]] || !flt.sev[r.severity] || (flt.pack && r.pack !== flt.pack)) continue;
      if (f[SUP] && !flt.sup) continue;
      if (flt.q && hay(i).indexOf(flt.q) < 0) continue;
      (byRule[f[R]] || (byRule[f[R]] = [])).push(i);
      total++;
    }
    var ruleIds = Object.keys(byRule).map(Number);
    var counts = {};
    ruleIds.forEach(function (ri) {
      var c = [0, 0, 0, 0];
      byRule[ri].forEach(function (i) { c[D.f[i][ST]]++; });
      counts[ri] = c;
    });
    ruleIds.sort(function (a, b) {
      return SEV.indexOf(D.rules[a].severity) - SEV.indexOf(D.rules[b].severity) || counts[b][0] - counts[a][0] || (D.rules[a].id < D.rules[b].id ? -1 : 1);
    });
    groupsEl.textContent = '';
    countEl.textContent = fmt(total) + ' findings in ' + fmt(ruleIds.length) + ' rules match the filters (of ' + fmt(D.f.length) + ' findings).';
    var frag = document.createDocumentFragment();
    ruleIds.forEach(function (ri) { frag.appendChild(group(ri, byRule[ri], counts[ri])); });
    groupsEl.appendChild(frag);
  }

  function group(ri, indexes, c) {
    var r = D.rules[ri];
    var g = el('div', 'group');
    g.setAttribute('data-rule', r.id);
    var btn = add(g, el('button', 'toggle'));
    btn.type = 'button';
    btn.setAttribute('aria-expanded', 'false');
    add(btn, badge(r.severity));
    add(btn, el('span', 'title', r.title));
    add(btn, el('code', null, r.id));
    add(btn, el('span', 'muted', r.pack));
    add(btn, el('span', 'counts', c[0] + ' fail · ' + c[1] + ' unknown · ' + c[2] + ' pass · ' + c[3] + ' n/a'));
    var body = add(g, el('div', 'body'));
    body.hidden = true;
    var filled = false;
    function setOpen(on) {
      if (on && !filled) {
        filled = true;
        if (r.description) add(body, el('p', 'rule-doc', r.description));
        if (r.risk) { add(body, el('h4', null, 'Risk')); add(body, el('p', 'rule-doc', r.risk)); }
        if (r.remediation) { add(body, el('h4', null, 'Remediation')); add(body, el('div', 'rule-doc remediation', r.remediation)); }
        if (r.references && r.references.length) {
          add(body, el('h4', null, 'References'));
          var ul = add(body, el('ul'));
          // Shown as text, not links: the report never points the browser anywhere.
          r.references.forEach(function (u) { add(add(ul, el('li')), el('code', null, u)); });
        }
        pagedTable(body, indexes, ['Status', 'Resource', 'Message', 'Evidence'], function (i) { return findingRow(i, false); });
      }
      body.hidden = !on;
      btn.setAttribute('aria-expanded', on ? 'true' : 'false');
      if (on) open[r.id] = true; else delete open[r.id];
    }
    btn.addEventListener('click', function () { setOpen(body.hidden); });
    if (open[r.id]) setOpen(true);
    return g;
  }

  var timer = null;
  form.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(render, 150); });
  form.addEventListener('change', function () { clearTimeout(timer); render(); });
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  document.getElementById('expand-all').addEventListener('click', function () {
    Array.prototype.forEach.call(groupsEl.querySelectorAll('.group > .toggle[aria-expanded=false]'), function (b) { b.click(); });
  });
  document.getElementById('collapse-all').addEventListener('click', function () {
    Array.prototype.forEach.call(groupsEl.querySelectorAll('.group > .toggle[aria-expanded=true]'), function (b) { b.click(); });
  });

  // ---- compliance: failing and unknown resources under each control, rendered on demand ----
  Array.prototype.forEach.call(document.querySelectorAll('button.ctl-ev'), function (btn) {
    var body = btn.nextElementSibling;
    var filled = false;
    btn.addEventListener('click', function () {
      if (!filled) {
        filled = true;
        var ref = D.cf[Number(btn.getAttribute('data-fw'))][Number(btn.getAttribute('data-ctl'))];
        pagedTable(body, ref[0].concat(ref[1], ref[2] || []), ['Status', 'Rule', 'Resource', 'Message', 'Evidence'], function (i) { return findingRow(i, true); });
      }
      body.hidden = !body.hidden;
      btn.setAttribute('aria-expanded', body.hidden ? 'false' : 'true');
    });
  });

  // ---- compliance frameworks fold under their score line: open one when it is linked to, all when printing ----
  function openFramework(id) {
    var d = id && document.getElementById(id);
    if (d && d.tagName === 'DETAILS') d.open = true;
  }
  Array.prototype.forEach.call(document.querySelectorAll('a[data-open]'), function (a) {
    a.addEventListener('click', function () { openFramework(a.getAttribute('data-open')); });
  });
  if (location.hash) openFramework(location.hash.slice(1));
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details.framework'), function (d) { d.open = true; });
  });

  // ---- coverage gaps ----
  var gapEl = document.getElementById('gap-list');
  if (!D.gaps.length) {
    add(gapEl, el('p', null, 'None: every collection step was read in full.' +
      (D.uo ? ' The ' + fmt(D.uo) + ' unknown check' + (D.uo === 1 ? '' : 's') + ' did not come from missing data: the Summary says which rules and why.' : '')));
  } else {
    var gi = D.gaps.map(function (_, i) { return i; });
    pagedTable(gapEl, gi, ['Scope', 'Step', 'Outcome', 'Resource types', 'Message'], function (i) {
      var g = D.gaps[i];
      var tr = el('tr');
      add(tr, el('td', 'res', g[0] + ' ' + g[1] + ' ' + g[2]));
      add(tr, el('td', 'mono', g[3] + ':' + g[4] + (g[7] ? ' (' + g[7] + ')' : '')));
      var oc = add(tr, el('td'));
      add(oc, badge('unknown', g[5]));
      if (g[6]) add(oc, el('div', 'mono', g[6]));
      add(tr, el('td', 'mono', g[8]));
      add(tr, el('td', 'msg', g[9]));
      return tr;
    });
  }

  render();
})();
