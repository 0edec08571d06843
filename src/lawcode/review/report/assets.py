"""The report's style sheet and its one small script, inlined into every page (no file, no server).

The style reads on a phone: nothing is wider than the screen at 390 px (long paths, code and
expressions wrap; tables become stacked rows). The script only adds the search box: a page
without it (script off) still shows everything, and the box stays hidden.
"""

from __future__ import annotations

CSS = """
:root { --ink:#1d2430; --muted:#5b6472; --line:#d9dee6; --bg:#f6f7f9; --ok:#1d7a46; --okbg:#e6f4ec;
  --bad:#b42318; --badbg:#fdecea; --warn:#8a5a00; --warnbg:#fff4d6; --accent:#2f5fa7; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; }
body { margin:0; font:15px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color:var(--ink); background:var(--bg); overflow-wrap:break-word; }
main { max-width:1120px; margin:0 auto; padding:20px 32px 64px; }
nav.crumbs { font-size:14px; margin:0 0 10px; }
h1 { font-size:26px; line-height:1.25; margin:0 0 6px; overflow-wrap:anywhere; }
h2 { font-size:20px; margin:0 0 6px; overflow-wrap:anywhere; }
h3 { font-size:16px; margin:18px 0 8px; }
a { color:var(--accent); text-decoration:none; } a:hover, a:focus { text-decoration:underline; }
code, pre, .mono { font-family:"SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size:13px; }
code, .mono, .src { overflow-wrap:anywhere; }
h1 code { font-size:20px; }
.meta { color:var(--muted); margin:0 0 18px; overflow-wrap:anywhere; }
.cards { display:grid; grid-template-columns:repeat(auto-fit, minmax(210px, 1fr)); gap:14px; margin:0 0 20px; }
.card { background:#fff; border:1px solid var(--line); border-radius:10px; padding:14px 16px; min-width:0; }
.card .big { font-size:26px; font-weight:650; } .card .sub { color:var(--muted); font-size:13px; }
.bar { height:8px; background:var(--badbg); border-radius:4px; overflow:hidden; margin-top:8px; }
.bar span { display:block; height:100%; background:var(--ok); }
.panel, section.provision, section.scenario { background:#fff; border:1px solid var(--line); border-radius:10px;
  padding:18px 20px; margin:0 0 20px; min-width:0; }
.panel.alert { border-left:5px solid var(--bad); } .panel.good { border-left:5px solid var(--ok); }
.warning { background:var(--warnbg); color:var(--warn); border-radius:8px; padding:8px 12px; margin:0 0 12px; }
.search { background:#fff; border:1px solid var(--line); border-radius:10px; padding:12px 16px; margin:0 0 20px; }
.search label { display:block; font-weight:600; margin:0 0 6px; }
.search input { width:100%; font:inherit; padding:8px 10px; border:1px solid #b9c1cc; border-radius:6px; }
.search .count { color:var(--muted); font-size:13px; margin:6px 0 0; }
ol.hits { margin:8px 0 0; padding-left:1.4em; } ol.hits li { margin:2px 0; overflow-wrap:anywhere; }
table { border-collapse:collapse; width:100%; }
th, td { text-align:left; padding:6px 8px; border-bottom:1px solid var(--line); vertical-align:top;
  overflow-wrap:anywhere; }
th { font-size:12px; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); font-weight:600; }
.badges { display:flex; flex-wrap:wrap; gap:4px; }
.badge { display:inline-block; border-radius:999px; padding:1px 9px; font-size:12px; font-weight:600;
  white-space:nowrap; max-width:100%; overflow-wrap:normal; }
.b-ok { background:var(--okbg); color:var(--ok); } .b-bad { background:var(--badbg); color:var(--bad); }
.b-warn { background:var(--warnbg); color:var(--warn); } .b-plain { background:#eef1f5; color:var(--muted); }
.act { color:var(--muted); margin:0 0 14px; }
.key { color:var(--muted); font-weight:400; font-size:14px; margin-left:8px; }
.case { border:1px solid var(--line); border-left:5px solid var(--ok); border-radius:8px; padding:12px 14px;
  margin:0 0 12px; min-width:0; }
.case.uncovered { border-left-color:var(--bad); background:#fffafa; }
.case-head { display:flex; flex-wrap:wrap; align-items:baseline; gap:6px 10px; }
.case-head code { font-size:14px; font-weight:650; }
.case .title { color:var(--muted); font-size:13px; }
.explain { margin:8px 0; }
.explain var { font-style:normal; color:var(--accent); font-family:monospace; font-size:13px; }
blockquote.quote { margin:8px 0; padding:6px 12px; border-left:3px solid #8a9bb0; background:#f4f6f9; font-size:14px; }
.quote footer { color:var(--muted); font-size:12px; margin-top:4px; }
.note { background:var(--warnbg); border-radius:6px; padding:6px 10px; margin:8px 0; font-size:14px; }
.missing { color:var(--bad); font-weight:600; font-size:14px; margin:6px 0; }
dl.expr { display:grid; grid-template-columns:minmax(0, max-content) minmax(0, 1fr); gap:4px 12px; margin:8px 0; }
dl.expr dt { color:var(--muted); font-size:13px; padding-top:3px; } dl.expr dd { margin:0; min-width:0; }
pre { background:#f3f5f8; border-radius:6px; padding:6px 10px; margin:0; white-space:pre-wrap;
  overflow-wrap:anywhere; }
.src { color:var(--muted); font-size:12px; }
details { margin:4px 0; } summary { cursor:pointer; }
ul.scenarios { list-style:none; margin:0; padding:0; }
ul.scenarios > li { border-bottom:1px solid var(--line); padding:4px 0; overflow-wrap:anywhere; }
.mark { display:inline-block; width:1.2em; font-weight:700; }
.pass .mark { color:var(--ok); } .fail .mark { color:var(--bad); }
.lang { display:inline-block; min-width:2em; text-align:center; font-size:11px; font-weight:700; border-radius:4px;
  background:#eef1f5; color:var(--muted); margin-right:6px; text-transform:uppercase; }
.decision { margin:8px 0 10px; } .decision h3 { margin:0 0 4px; font-size:13px; font-weight:600; }
.example { font-family:monospace; font-size:12px; color:var(--muted); background:#eef1f5; border-radius:4px;
  padding:0 5px; overflow-wrap:anywhere; }
.failure pre { background:var(--badbg); }
footer.page { color:var(--muted); font-size:12px; margin-top:30px; overflow-wrap:anywhere; }
@media (max-width: 640px) {
  main { padding:12px 12px 40px; } h1 { font-size:22px; }
  .panel, section.provision, section.scenario { padding:12px; }
  .case { padding:10px; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display:block; width:100%; }
  table.stack thead { display:none; }
  table.stack tr { border-bottom:1px solid var(--line); padding:6px 0; }
  table.stack td { border:none; padding:2px 0; }
  dl.expr { grid-template-columns:minmax(0, 1fr); } dl.expr dt { padding-top:6px; }
}
"""

# Shows the search box and filters, as the reader types, every element of the page carrying a
# data-search text (all words must occur, case and ё/е ignored); on the index it also lists the
# matching cases and scenarios of every page from the inline index. ?q=words fills the box.
SCRIPT = """
(function () {
  var box = document.getElementById("q");
  if (!box) { return; }
  box.form.hidden = false;
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-search]"));
  var index = document.getElementById("search-index");
  var entries = index ? JSON.parse(index.textContent) : [];
  var hits = document.getElementById("hits");
  var count = document.getElementById("count");
  function norm(s) { return s.toLowerCase().replace(/ё/g, "е"); }
  items.forEach(function (el) { el.lawcodeText = norm(el.getAttribute("data-search") || ""); });
  entries.forEach(function (e) { e.n = norm(e.t + " " + (e.k || "") + " " + (e.s || "")); });
  function run() {
    var words = norm(box.value).split(/\\s+/).filter(Boolean);
    function all(text) { return words.every(function (w) { return text.indexOf(w) >= 0; }); }
    var shown = 0;
    items.forEach(function (el) { var ok = all(el.lawcodeText); el.hidden = !ok; if (ok) { shown += 1; } });
    if (hits) {
      hits.textContent = "";
      var found = words.length ? entries.filter(function (e) { return all(e.n); }) : [];
      found.slice(0, 60).forEach(function (e) {
        var li = document.createElement("li"), a = document.createElement("a");
        a.href = e.h; a.textContent = e.t; li.appendChild(a);
        if (e.s) { var s = document.createElement("span"); s.className = "src"; s.textContent = " " + e.s;
                   li.appendChild(s); }
        hits.appendChild(li);
      });
      hits.hidden = !found.length;
      shown = found.length;
    }
    count.textContent = words.length ? count.getAttribute("data-template").replace("{n}", String(shown)) : "";
  }
  box.addEventListener("input", run);
  box.form.addEventListener("submit", function (ev) { ev.preventDefault(); run(); });
  var m = /[?&]q=([^&]*)/.exec(window.location.search);
  if (m) { box.value = decodeURIComponent(m[1].replace(/\\+/g, " ")); run(); }
})();
"""
