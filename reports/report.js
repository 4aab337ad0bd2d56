// Vigil HTML report: renders the finding lists from the JSON embedded in the page (sent once, rendered on demand).
// Safety rule: data only ever reaches the page through textContent / createTextNode / validated attributes,
// never innerHTML. Links are made only for https URLs, with rel="noreferrer noopener".
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('data').textContent);
  var STATUS = ['fail', 'unknown', 'pass', 'not applicable'];
  var SEV = ['critical', 'high', 'medium', 'low', 'info'];
  var PAGE = 100;

  // Finding rows: [rule, status, scope, type, id, name, arn, message, evidence, suppressed, findingId];
  // message and evidence index D.texts (evidence as JSON text, -1 when none); a numeric arn indexes the
  // ARN's prefix in D.texts (the resource id completes it).
  var R = 0, ST = 1, SC = 2, TY = 3, ID = 4, NAME = 5, ARN = 6, MSG = 7, EV = 8, SUP = 9, FID = 10;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function add(parent, child) { parent.appendChild(child); return child; }
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function badge(kind, label) { return el('span', 'badge b-' + kind.replace(/[^a-z_]/g, ''), label || kind); }
  function button(cls, text) { var b = el('button', cls, text); b.type = 'button'; return b; }
  // `aws 123456789012 us-east-1`; TLS endpoints have placeholders for account and region (`tls`, `global`).
  function scopeText(i) { var s = D.scopes[i]; return s[1] === s[0] && s[2] === 'global' ? s[0] : s[0] + ' ' + s[1] + ' ' + s[2]; }
  function acctKey(i) { var s = D.scopes[i]; return s[0] + ':' + s[1]; }
  function fmt(n) { return n.toLocaleString('en-US'); }
  function plural(n, one) { return fmt(n) + ' ' + one + (n === 1 ? '' : 's'); }
  function message(f) { return D.texts[f[MSG]]; }
  function evidence(f) { return f[EV] >= 0 ? JSON.parse(D.texts[f[EV]]) : null; }
  function arn(f) { var a = f[ARN]; return typeof a === 'number' ? D.texts[a] + f[ID] : a || ''; }
  function resLabel(f) { return f[NAME] && f[NAME] !== f[ID] ? f[NAME] + ' (' + f[ID] + ')' : f[ID]; }
  function safeLink(url) {
    if (!/^https:\/\/[^\s"'<>]+$/i.test(url)) return el('code', null, url);
    var a = el('a', null, url);
    a.href = url;
    a.rel = 'noreferrer noopener';
    a.target = '_blank';
    return a;
  }

  // ---- evidence: plain values as text, lists one item per line, records one line each; records that differ
  // in one field only (an exposure path per port) are grouped into one line listing that field's values ----
  var EV_ITEMS = 10;
  function isPlain(v) { return v === null || typeof v !== 'object'; }
  function plainText(v) { return v === null ? '—' : String(v); }
  function isFlatRecord(x) { return x && typeof x === 'object' && !Array.isArray(x) && Object.keys(x).every(function (k) { return isPlain(x[k]); }); }
  function groupRecords(list) {
    if (list.length < 2) return list.map(function (x) { return { rec: x, key: null, values: null }; });
    var keys = {};
    list.forEach(function (x) { Object.keys(x).forEach(function (k) { keys[k] = true; }); });
    var best = null;
    Object.keys(keys).forEach(function (k) {
      var groups = {}, order = [];
      list.forEach(function (x) {
        var sig = JSON.stringify(Object.keys(x).filter(function (j) { return j !== k; }).sort().map(function (j) { return [j, x[j]]; }));
        if (!groups[sig]) { groups[sig] = { rec: x, key: k, values: [] }; order.push(sig); }
        groups[sig].values.push(x[k]);
      });
      if (order.length < list.length && (!best || order.length < best.length)) best = order.map(function (s) { return groups[s]; });
    });
    return best || list.map(function (x) { return { rec: x, key: null, values: null }; });
  }
  function evidenceValue(v, depth) {
    if (isPlain(v)) return el('span', null, plainText(v));
    if (depth > 3) return el('span', 'mono', JSON.stringify(v));
    if (Array.isArray(v)) {
      if (!v.length) return el('span', 'muted', 'none');
      var box = el('div'), rest = 0;
      if (v.every(isPlain)) {
        var ul = add(box, el('ul', 'ev-list'));
        v.slice(0, EV_ITEMS).forEach(function (x) { add(ul, el('li', null, plainText(x))); });
        rest = v.length - Math.min(v.length, EV_ITEMS);
      } else if (v.every(isFlatRecord)) {
        var grouped = groupRecords(v), shown = grouped.slice(0, EV_ITEMS);
        rest = grouped.length - shown.length;
        var rl = add(box, el('ol', 'ev-list ev-records'));
        shown.forEach(function (g) {
          var li = add(rl, el('li'));
          Object.keys(g.rec).forEach(function (k, j) {
            if (j) li.appendChild(document.createTextNode(' · '));
            add(li, el('span', 'muted', k + ' '));
            var text = g.key === k && g.values.length > 1 ? g.values.map(plainText).join(', ') : plainText(g.rec[k]);
            add(li, el(g.key === k && g.values.length > 1 ? 'strong' : 'span', null, text));
          });
          if (g.values && g.values.length > 1) add(li, el('span', 'muted', ' (' + fmt(g.values.length) + ' ' + g.key + ' values, one path)'));
        });
      } else {
        var ol = add(box, el('ol', 'ev-list'));
        v.slice(0, EV_ITEMS).forEach(function (x) { add(add(ol, el('li')), evidenceValue(x, depth + 1)); });
        rest = v.length - Math.min(v.length, EV_ITEMS);
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

  // ---- rows and paged tables ----
  function findingRow(i, cols) {
    var f = D.f[i], r = D.rules[f[R]];
    var tr = el('tr', 'st-' + f[ST]);
    tr.setAttribute('data-i', i);
    var st = add(tr, el('td', 'st'));
    add(st, badge(f[ST] === 3 ? 'not_applicable' : STATUS[f[ST]], STATUS[f[ST]]));
    if (f[SUP]) { st.appendChild(document.createTextNode(' ')); add(st, badge('suppressed')); }
    if (cols.sev) add(add(tr, el('td')), badge(r.severity));
    if (cols.rule) add(tr, el('td', 'mono rule', r.id));
    if (cols.res) {
      var res = add(tr, el('td', 'res'));
      add(res, el('div', 'mono', resLabel(f)));
      add(res, el('div', 'muted', D.types[f[TY]] + ' · ' + scopeText(f[SC])));
      if (f[ARN]) add(res, el('div', 'muted mono', arn(f)));
    }
    var msg = add(tr, el('td', 'msg'));
    if (f.length > MSG) {
      add(msg, el('div', null, message(f)));
      if (f[SUP]) add(msg, el('div', 'muted', 'Suppressed: ' + f[SUP]));
      if (f[FID]) add(msg, el('div', 'muted mono', 'finding ' + f[FID]));
    } else {
      add(msg, el('span', 'muted', 'details in findings.json'));
    }
    if (cols.ev) {
      var evc = add(tr, el('td', 'ev'));
      var ev = f.length > EV ? evidence(f) : null;
      if (ev && typeof ev === 'object') add(evc, evidenceList(ev));
    }
    return tr;
  }

  // Renders PAGE rows (or groups) at a time into `parent`, with a "show more" button.
  function paged(container, parent, items, render) {
    var shown = 0;
    var more = button('more');
    function page() {
      var end = Math.min(items.length, shown + PAGE), frag = document.createDocumentFragment();
      for (; shown < end; shown++) frag.appendChild(render(items[shown]));
      // Groups page inside their own container: new ones go above the button.
      parent.insertBefore(frag, parent === container ? more : null);
      var left = items.length - shown;
      more.textContent = 'Show ' + fmt(Math.min(PAGE, left)) + ' more (' + fmt(left) + ' left)';
      more.hidden = left <= 0;
    }
    more.addEventListener('click', page);
    container.appendChild(more);
    page();
  }
  function table(container, indexes, headers, cols, onSort) {
    var t = add(container, el('table', 'findings'));
    var hr = add(add(t, el('thead')), el('tr'));
    headers.forEach(function (h) {
      var th = add(hr, el('th'));
      if (onSort && h[1]) {
        var b = add(th, button('sort', h[0]));
        b.setAttribute('data-sort', h[1]);
        if (state.sort === h[1]) th.setAttribute('aria-sort', state.desc ? 'descending' : 'ascending');
        b.addEventListener('click', function () { onSort(h[1]); });
      } else th.textContent = h[0];
    });
    var tbody = add(t, el('tbody'));
    paged(container, tbody, indexes, function (i) { return findingRow(i, cols); });
  }

  // ---- filter state: the form, mirrored in the URL fragment (#f:view=resource&st=0,1&acct=aws:1234…) ----
  var form = document.getElementById('filters');
  var groupsEl = document.getElementById('groups');
  var countEl = document.getElementById('match-count');
  function field(name) { return form.elements.namedItem(name); }
  function fillSelect(name, values, label) {
    var sel = field(name);
    values.forEach(function (v) { var o = el('option', null, label ? label(v) : v); o.value = v; sel.appendChild(o); });
  }
  function uniq(fn) { var seen = {}, out = []; D.scopes.forEach(function (s, i) { var v = fn(s, i); if (!seen[v]) { seen[v] = true; out.push(v); } }); return out.sort(); }
  var packs = {};
  D.rules.forEach(function (r) { packs[r.pack] = true; });
  fillSelect('prov', uniq(function (s) { return s[0]; }));
  fillSelect('acct', uniq(function (s, i) { return acctKey(i); }), function (k) {
    var p = k.indexOf(':'), name = D.names[k.slice(0, p) + '\u0000' + k.slice(p + 1)];
    return k.slice(p + 1) + (name ? ' — ' + name : '') + ' (' + k.slice(0, p) + ')';
  });
  fillSelect('region', uniq(function (s) { return s[2]; }));
  fillSelect('pack', Object.keys(packs).sort());
  fillSelect('ctl', D.ctl.map(function (_, i) { return String(i); }).sort(function (a, b) { return D.ctl[a] < D.ctl[b] ? -1 : 1; }), function (i) { return D.ctl[i] + (D.ctlTitles[i] ? ' — ' + D.ctlTitles[i] : ''); });
  if (D.nw) document.getElementById('new-only').hidden = false;
  var newSet = null;
  if (D.nw) { newSet = {}; D.nw.forEach(function (i) { newSet[i] = true; }); }

  var DEFAULTS = { view: 'rule', st: '0,1', sev: SEV.join(','), sup: '1', prov: '', acct: '', region: '', pack: '', ctl: '', q: '', sort: 'severity', desc: '', new: '' };
  var state = {};
  function readForm() {
    var st = [], sev = [];
    each(form.querySelectorAll('input[name=status]'), function (c) { if (c.checked) st.push(c.value); });
    each(form.querySelectorAll('input[name=severity]'), function (c) { if (c.checked) sev.push(c.value); });
    var view = form.querySelector('input[name=view]:checked');
    var ctl = field('ctl').value;
    return {
      view: view ? view.value : 'rule', st: st.join(','), sev: sev.join(','), sup: field('suppressed').checked ? '1' : '',
      prov: field('prov').value, acct: field('acct').value, region: field('region').value, pack: field('pack').value,
      ctl: ctl === '' ? '' : D.ctl[Number(ctl)], q: field('q').value.trim(), sort: field('sort').value, desc: field('desc').checked ? '1' : '', new: field('new').checked ? '1' : '',
    };
  }
  function setSelect(name, v) { var sel = field(name); sel.value = v; if (sel.value !== v) sel.value = ''; }
  function writeForm(s) {
    each(form.querySelectorAll('input[name=view]'), function (c) { c.checked = c.value === s.view; });
    var st = s.st.split(','), sev = s.sev.split(',');
    each(form.querySelectorAll('input[name=status]'), function (c) { c.checked = st.indexOf(c.value) >= 0; });
    each(form.querySelectorAll('input[name=severity]'), function (c) { c.checked = sev.indexOf(c.value) >= 0; });
    field('suppressed').checked = !!s.sup;
    setSelect('prov', s.prov); setSelect('acct', s.acct); setSelect('region', s.region); setSelect('pack', s.pack);
    setSelect('ctl', s.ctl ? String(D.ctl.indexOf(s.ctl)) : '');
    field('q').value = s.q;
    setSelect('sort', s.sort);
    field('desc').checked = !!s.desc;
    field('new').checked = !!s.new;
  }
  function fromHash() {
    var s = {}, k;
    for (k in DEFAULTS) s[k] = DEFAULTS[k];
    if (location.hash.indexOf('#f:') === 0) {
      var p = new URLSearchParams(location.hash.slice(3));
      for (k in DEFAULTS) if (p.has(k)) s[k] = p.get(k);
    }
    return s;
  }
  function toHash(s) {
    var p = new URLSearchParams();
    for (var k in DEFAULTS) if (s[k] !== DEFAULTS[k]) p.set(k, s[k]);
    return '#f:' + p.toString();
  }

  var haystack = null;
  function hay(i) {
    if (!haystack) haystack = new Array(D.f.length);
    var h = haystack[i];
    if (h === undefined) {
      var f = D.f[i], r = D.rules[f[R]];
      h = haystack[i] = [r.id, r.title, f[ID], f[NAME] || '', arn(f), f.length > MSG ? message(f) : '', D.types[f[TY]], scopeText(f[SC])].join('\n').toLowerCase();
    }
    return h;
  }
  function matches() {
    var st = {}, sev = {}, out = [];
    state.st.split(',').forEach(function (v) { if (v) st[v] = true; });
    state.sev.split(',').forEach(function (v) { if (v) sev[v] = true; });
    var ctl = state.ctl ? D.ctl.indexOf(state.ctl) : -1, q = state.q.toLowerCase();
    for (var i = 0; i < D.f.length; i++) {
      var f = D.f[i], r = D.rules[f[R]], s = D.scopes[f[SC]];
      if (!st[f[ST]] || !sev[r.severity] || (f[SUP] && !state.sup)) continue;
      if ((state.pack && r.pack !== state.pack) || (state.prov && s[0] !== state.prov) || (state.region && s[2] !== state.region)) continue;
      if (state.acct && acctKey(f[SC]) !== state.acct) continue;
      if (state.ctl && r.ctl.indexOf(ctl) < 0) continue;
      if (state.new && !(newSet && newSet[i])) continue;
      if (q && hay(i).indexOf(q) < 0) continue;
      out.push(i);
    }
    return out;
  }

  // ---- sorting: one comparator for rows, groups compare by their first row ----
  // Sort keys computed once per finding (100,000 rows sort in a fraction of a second).
  var ruleSev = D.rules.map(function (r) { return SEV.indexOf(r.severity); });
  var ruleOrder = D.rules.map(function (r, i) { return i; }).sort(function (a, b) { return D.rules[a].id < D.rules[b].id ? -1 : 1; });
  var ruleRank = [];
  ruleOrder.forEach(function (ri, k) { ruleRank[ri] = k; });
  var labels = new Array(D.f.length);
  function sevRank(i) { return ruleSev[D.f[i][R]]; }
  function rr(i) { return ruleRank[D.f[i][R]]; }
  function lab(i) { var l = labels[i]; if (l === undefined) l = labels[i] = resLabel(D.f[i]).toLowerCase(); return l; }
  function cmpStr(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  var KEYS = {
    severity: function (a, b) { return sevRank(a) - sevRank(b) || D.f[a][ST] - D.f[b][ST] || rr(a) - rr(b) || cmpStr(lab(a), lab(b)); },
    rule: function (a, b) { return rr(a) - rr(b) || D.f[a][ST] - D.f[b][ST] || cmpStr(lab(a), lab(b)); },
    resource: function (a, b) { return cmpStr(lab(a), lab(b)) || sevRank(a) - sevRank(b) || rr(a) - rr(b); },
    status: function (a, b) { return D.f[a][ST] - D.f[b][ST] || sevRank(a) - sevRank(b) || rr(a) - rr(b); },
  };
  function comparator() {
    var base = KEYS[state.sort] || KEYS.severity, sign = state.desc ? -1 : 1;
    return function (a, b) { return sign * base(a, b) || a - b; };
  }

  function counts(indexes) {
    var c = [0, 0, 0, 0];
    indexes.forEach(function (i) { c[D.f[i][ST]]++; });
    return c;
  }
  function countText(c) { return c[0] + ' fail · ' + c[1] + ' unknown · ' + c[2] + ' pass · ' + c[3] + ' n/a'; }

  // A collapsible group (rule or resource): header button, body rendered when first opened.
  var open = {};
  function group(key, head, indexes, fill) {
    var g = el('div', 'group');
    g.setAttribute('data-key', key);
    var btn = add(g, button('toggle'));
    btn.setAttribute('aria-expanded', 'false');
    head(btn);
    var body = add(g, el('div', 'body'));
    body.hidden = true;
    var filled = false;
    function setOpen(on) {
      if (on && !filled) { filled = true; fill(body); }
      body.hidden = !on;
      btn.setAttribute('aria-expanded', on ? 'true' : 'false');
      if (on) open[key] = true; else delete open[key];
    }
    btn.addEventListener('click', function () { setOpen(body.hidden); });
    if (open[key]) setOpen(true);
    return g;
  }
  function ruleDoc(body, r) {
    if (r.description) add(body, el('p', 'rule-doc', r.description));
    if (r.risk) { add(body, el('h4', null, 'Risk')); add(body, el('p', 'rule-doc', r.risk)); }
    if (r.remediation) { add(body, el('h4', null, 'Remediation')); add(body, el('div', 'rule-doc remediation', r.remediation)); }
    if (r.ctl.length) {
      add(body, el('h4', null, 'Framework controls'));
      add(body, el('p', 'mono', r.ctl.map(function (c) { return D.ctl[c]; }).join(' · ')));
    }
    if (r.references && r.references.length) {
      add(body, el('h4', null, 'References'));
      var ul = add(body, el('ul'));
      r.references.forEach(function (u) { add(add(ul, el('li')), safeLink(u)); });
    }
  }

  function byGroups(list, keyOf) {
    var groups = {}, order = [];
    list.forEach(function (i) {
      var k = keyOf(i);
      if (!groups[k]) { groups[k] = []; order.push(k); }
      groups[k].push(i);
    });
    return order.map(function (k) { return { key: k, rows: groups[k] }; });
  }

  function render() {
    state = readForm();
    var hash = toHash(state);
    if (location.hash !== hash && (location.hash.indexOf('#f:') === 0 || hash !== '#f:')) {
      // A page without a URL of its own (about:blank, some viewers) refuses: the view still works, unlinked.
      try { history.replaceState(null, '', hash === '#f:' ? '#findings' : hash); } catch (e) { /* not linkable here */ }
    }
    var list = matches(), cmp = comparator();
    // The table sorts every match; groups are ordered by their first row and sort their own rows when opened.
    if (state.view === 'table') list.sort(cmp);
    groupsEl.textContent = '';
    var what = state.view === 'table' ? '' : state.view === 'resource' ? ' on ' : ' in ';
    var groups = state.view === 'rule' ? byGroups(list, function (i) { return 'r' + D.f[i][R]; })
      : state.view === 'resource' ? byGroups(list, function (i) { var f = D.f[i]; return 'x' + f[SC] + '|' + f[TY] + '|' + f[ID]; }) : null;
    if (groups) {
      groups.forEach(function (g) { g.head = g.rows.reduce(function (m, i) { return cmp(i, m) < 0 ? i : m; }, g.rows[0]); });
      groups.sort(function (a, b) { return cmp(a.head, b.head); });
    }
    countEl.textContent = plural(list.length, 'finding') + (groups ? what + plural(groups.length, state.view === 'rule' ? 'rule' : 'resource') : '') + (list.length === 1 ? ' matches' : ' match') + ' the filters (of ' + plural(D.f.length, 'finding') + ').';
    groupsEl.setAttribute('data-view', state.view);
    if (state.view === 'table') {
      table(groupsEl, list, [['Status', 'status'], ['Severity', 'severity'], ['Rule', 'rule'], ['Resource', 'resource'], ['Message', null]], { sev: true, rule: true, res: true }, function (key) {
        if (state.sort === key) field('desc').checked = !field('desc').checked;
        else { setSelect('sort', key); field('desc').checked = false; }
        render();
        var b = groupsEl.querySelector('button.sort[data-sort="' + key + '"]');
        if (b) b.focus();
      });
      return;
    }
    paged(groupsEl, groupsEl, groups, function (g) {
      var f0 = D.f[g.head], c = counts(g.rows);
      if (state.view === 'rule') {
        var r = D.rules[f0[R]];
        var node = group(g.key, function (btn) {
          add(btn, badge(r.severity));
          add(btn, el('span', 'title', r.title));
          add(btn, el('code', null, r.id));
          add(btn, el('span', 'muted', r.pack));
          add(btn, el('span', 'counts', countText(c)));
        }, g.rows, function (body) {
          ruleDoc(body, r);
          table(body, g.rows.sort(cmp), [['Status'], ['Resource'], ['Message'], ['Evidence']], { res: true, ev: true });
        });
        node.setAttribute('data-rule', r.id);
        return node;
      }
      var worst = g.rows.reduce(function (m, i) { return D.f[i][ST] === 0 ? Math.min(m, sevRank(i)) : m; }, SEV.length);
      var res = group(g.key, function (btn) {
        add(btn, worst < SEV.length ? badge(SEV[worst]) : badge(STATUS[f0[ST]] === 'not applicable' ? 'not_applicable' : STATUS[f0[ST]], c[0] ? 'fail' : STATUS[f0[ST]]));
        add(btn, el('span', 'title mono', resLabel(f0)));
        add(btn, el('span', 'muted', D.types[f0[TY]] + ' · ' + scopeText(f0[SC])));
        add(btn, el('span', 'counts', countText(c)));
      }, g.rows, function (body) {
        if (f0[ARN]) add(body, el('p', 'muted mono', arn(f0)));
        table(body, g.rows.sort(cmp), [['Status'], ['Severity'], ['Rule'], ['Message'], ['Evidence']], { sev: true, rule: true, ev: true });
      });
      res.setAttribute('data-resource', f0[ID]);
      return res;
    });
  }

  var timer = null;
  form.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(render, 150); });
  form.addEventListener('change', function () { clearTimeout(timer); render(); });
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  document.getElementById('expand-all').addEventListener('click', function () {
    each(groupsEl.querySelectorAll('.group > .toggle[aria-expanded=false]'), function (b) { b.click(); });
  });
  document.getElementById('collapse-all').addEventListener('click', function () {
    each(groupsEl.querySelectorAll('.group > .toggle[aria-expanded=true]'), function (b) { b.click(); });
  });
  document.getElementById('reset').addEventListener('click', function () { writeForm(DEFAULTS); render(); });
  // Links such as the summary's "#f:acct=…" and a pasted URL: the fragment sets the filters.
  window.addEventListener('hashchange', function () {
    if (location.hash.indexOf('#f:') !== 0) return openFramework(location.hash.slice(1));
    writeForm(fromHash());
    render();
    document.getElementById('findings').scrollIntoView();
  });

  // ---- compliance: failing and unknown resources under each control, rendered on demand ----
  function controlEvidence(ref) {
    if (Array.isArray(ref)) return ref[0].concat(ref[1], ref[2] || []);
    var rules = {}, out = [];
    ref.r.forEach(function (ri) { rules[ri] = true; });
    for (var i = 0; i < D.f.length; i++) if (rules[D.f[i][R]] && D.f[i][ST] < 2) out.push(i);
    return out;
  }
  each(document.querySelectorAll('button.ctl-ev'), function (btn) {
    var body = btn.nextElementSibling;
    var filled = false;
    btn.addEventListener('click', function () {
      if (!filled) {
        filled = true;
        var ref = D.cf[Number(btn.getAttribute('data-fw'))][Number(btn.getAttribute('data-ctl'))];
        table(body, controlEvidence(ref).sort(KEYS.status), [['Status'], ['Rule'], ['Resource'], ['Message'], ['Evidence']], { rule: true, res: true, ev: true });
      }
      body.hidden = !body.hidden;
      btn.setAttribute('aria-expanded', body.hidden ? 'false' : 'true');
    });
  });

  // ---- frameworks fold under their score line: open one when linked to, all when printing ----
  function openFramework(id) {
    var d = id && document.getElementById(id);
    if (d && d.tagName === 'DETAILS') d.open = true;
  }
  each(document.querySelectorAll('a[data-open]'), function (a) {
    a.addEventListener('click', function () { openFramework(a.getAttribute('data-open')); });
  });
  if (location.hash && location.hash.indexOf('#f:') !== 0) openFramework(location.hash.slice(1));
  window.addEventListener('beforeprint', function () {
    each(document.querySelectorAll('details.framework'), function (d) { d.open = true; });
  });
  var printAttest = document.getElementById('print-attest');
  if (printAttest) {
    printAttest.addEventListener('click', function () {
      document.body.classList.add('print-attest');
      window.print();
    });
    window.addEventListener('afterprint', function () { document.body.classList.remove('print-attest'); });
  }

  // ---- coverage gaps ----
  var gapEl = document.getElementById('gap-list');
  if (!D.gaps.length) {
    add(gapEl, el('p', null, 'None: every collection step was read in full.' +
      (D.uo ? ' The ' + fmt(D.uo) + ' unknown check' + (D.uo === 1 ? '' : 's') + ' did not come from missing data: the Summary says which rules and why.' : '')));
  } else {
    var gt = add(gapEl, el('table'));
    var ghr = add(add(gt, el('thead')), el('tr'));
    ['Scope', 'Step', 'Outcome', 'Resource types', 'Message'].forEach(function (h) { add(ghr, el('th', null, h)); });
    var gtb = add(gt, el('tbody'));
    paged(gapEl, gtb, D.gaps, function (g) {
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

  writeForm(fromHash());
  render();
  if (location.hash.indexOf('#f:') === 0) document.getElementById('findings').scrollIntoView();
  // Read by the tests (wait for it) and bench/report-load.ts (time from navigation start to a usable page).
  document.documentElement.setAttribute('data-ready', '1');
  document.documentElement.setAttribute('data-ready-ms', String(Math.round(performance.now())));
})();
