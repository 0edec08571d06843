// lawcode's page: sends the form to /v1/explain and /v1/timeline and shows what comes back.
// Everything shown is built with textContent (no HTML from answers is ever parsed).
"use strict";
(() => {
  const data = JSON.parse(document.getElementById("lawcode-data").textContent);
  const W = data.words, lang = data.lang;
  const form = document.getElementById("ask");
  const result = document.getElementById("result");
  const status = document.getElementById("status");
  const KEY = "lawcode-page";  // the form's state, kept in this tab only while switching language

  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  };
  const dateFormat = new Intl.DateTimeFormat(lang === "ru" ? "ru-RU" : "en-GB",
    {day: "numeric", month: "long", year: "numeric", timeZone: "UTC"});
  const isDate = (v) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);
  const day = (v) => dateFormat.format(new Date(v + "T00:00:00Z"));
  const label = (labels, v) => (labels && labels[v]) || String(v);
  function show(value, labels) {
    if (value === null) return W.none;
    if (value === true) return W.yes;
    if (value === false) return W.no;
    if (Array.isArray(value)) return value.length ? value.map((v) => label(labels, v)).join(", ") : W.none;
    return isDate(value) ? day(value) : label(labels, value);
  }
  const ruleValues = (name) => (data.rules[name] || {}).values;
  const factValue = (name, v) => show(v, (data.facts[name] || {}).values);

  function citation(text) {
    const c = data.citations[text];
    if (!c) return document.createTextNode(text);
    return c.url ? el("a", {href: c.url, rel: "noreferrer"}, c.text) : document.createTextNode(c.text);
  }
  function citations(list) {
    const p = el("p", {class: "cites"}, W.cites + ": ");
    list.forEach((c, i) => { if (i) p.append("; "); p.append(citation(c)); });
    return list.length ? p : null;
  }
  function factsRead(facts) {
    const names = Object.keys(facts || {});
    if (!names.length) return null;
    const ul = el("ul", {class: "facts-read", "aria-label": W.facts_read});
    for (const n of names) ul.append(el("li", {}, (data.facts[n] || {}).meaning || n, ": ", factValue(n, facts[n])));
    return ul;
  }

  // the reasons: the answer's node, then the nodes it used, each once (a repeat says "see above")
  function reason(doc, name, seen, open) {
    const node = doc.nodes[name];
    if (!node) return null;
    const head = node.title + ": " + (node.status === "decided" ? show(node.value, ruleValues(name)) : W.undetermined);
    if (seen.has(name)) return el("p", {class: "again"}, head + " (" + W.see_above + ")");
    seen.add(name);
    const details = el("details", open ? {open: ""} : {}, el("summary", {}, head));
    if (node.text) details.append(el("p", {}, node.text));
    details.append(citations(node.cite) || "", factsRead(node.facts) || "");
    for (const used of node.uses) details.append(reason(doc, used, seen, false) || "");
    if (node.rejected.length) {
      const more = el("details", {class: "rejected"}, el("summary", {}, W.rejected));
      const ul = el("ul");
      for (const r of node.rejected) ul.append(el("li", {}, r.case + ": " + r.text));
      more.append(ul);
      details.append(more);
    }
    return details;
  }

  function render(doc, timeline) {
    result.replaceChildren();
    const heading = el("h2", {id: "answer-heading", tabindex: "-1"}, W.answer);
    const top = doc.nodes[doc.answer] || {title: doc.question};
    const value = doc.status === "decided" ? show(doc.value, ruleValues(doc.question)) : W.undetermined;
    const answer = el("p", {class: "answer"}, el("strong", {}, top.title + ": "), value);
    if (doc.unverified.length) answer.append(" ", el("span", {class: "flag"}, "(" + W.unverified + ")"));
    result.append(heading, answer, el("p", {class: "as-of"}, W.as_of.replace("{date}", day(doc.on))));

    result.append(el("h2", {}, W.reasons), reason(doc, doc.answer, new Set(), true) || "");
    if (doc.unverified.length) {
      const ul = el("ul");
      for (const u of doc.unverified) ul.append(el("li", {}, u.note || u.rule + " / " + u.case));
      result.append(el("details", {class: "unverified"}, el("summary", {}, W.unverified_head), ul));
    }

    result.append(el("h2", {}, W.missing));
    if (doc.missing.length) {
      const ul = el("ul", {class: "missing"});
      for (const m of doc.missing) {
        const box = form.querySelector(`[data-fact="${CSS.escape(m)}"]`);
        const text = ((data.facts[m] || {}).meaning || m) + " (" + m + ")";
        ul.append(el("li", {}, box ? el("a", {href: "#" + box.id}, text) : text));
      }
      result.append(ul);
    } else result.append(el("p", {}, W.no_missing));

    result.append(el("h2", {}, W.timeline));
    if (timeline.events.length) {
      const ol = el("ol", {class: "timeline"});
      for (const e of timeline.events) {
        const flag = e.unverified.length ? el("span", {class: "flag"}, " (" + W.unverified + ")") : null;
        ol.append(el("li", {}, el("time", {datetime: e.date}, day(e.date)), " ", el("strong", {}, e.label), flag,
          e.text ? el("p", {}, e.text) : null, citations(e.citations)));
      }
      result.append(ol);
    } else result.append(el("p", {}, W.no_events));
    if (timeline.undetermined.length) {
      const ul = el("ul");
      for (const u of timeline.undetermined) ul.append(el("li", {}, u.label + ": " + u.missing.join(", ")));
      result.append(el("h3", {}, W.undetermined), ul);
    }
    result.hidden = false;
    heading.focus();
  }

  function problem(doc) {
    result.replaceChildren(el("h2", {id: "answer-heading", tabindex: "-1"}, W.failed));
    const ul = el("ul", {class: "problems"});
    for (const e of doc.errors || [{message: doc.detail || doc.title}]) {
      ul.append(el("li", {}, e.message, e.hint ? el("p", {class: "hint"}, e.hint) : null));
    }
    result.append(ul);
    result.hidden = false;
    result.querySelector("h2").focus();
  }

  // the form: each fact is unknown (left out), did not happen (null) or has a value
  function facts() {
    const out = {};
    for (const box of form.querySelectorAll("fieldset.fact")) {
      const name = box.dataset.fact, input = box.querySelector("[name^=v-]");
      if (input.tagName === "SELECT") {
        const v = input.value;
        if (v === "?none") out[name] = null;
        else if (v !== "?unknown") out[name] = box.dataset.type === "bool" ? v === "true" : v;
        continue;
      }
      const state = (box.querySelector("input[type=radio]:checked") || {}).value;
      if (state === "none") out[name] = null;
      else if (state === "value" && input.value !== "") {
        out[name] = box.dataset.type === "int" ? Number(input.value) : input.value;
      }
    }
    return out;
  }
  for (const box of form.querySelectorAll("fieldset.fact")) {
    const input = box.querySelector("input[name^=v-]");
    if (!input) continue;
    input.addEventListener("input", () => {
      const radio = box.querySelector("input[type=radio][value=value]");
      if (radio && input.value !== "") radio.checked = true;
    });
  }

  async function post(path, body) {
    const r = await fetch(path, {method: "POST", body: JSON.stringify(body),
      headers: {"Content-Type": "application/json", "Accept-Language": lang}});
    return [r.ok, await r.json()];
  }

  async function ask() {
    const on = form.elements.on.value, question = form.elements.question.value, given = facts();
    status.textContent = W.working;
    try {
      const [[ok, doc], [ok2, timeline]] = await Promise.all([
        post("/v1/explain", {question, facts: given, on, lang}), post("/v1/timeline", {facts: given, on, lang})]);
      if (!ok) problem(doc); else if (!ok2) problem(timeline); else render(doc, timeline);
    } catch (err) {
      problem({detail: W.failed});
    }
    status.textContent = "";
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); ask(); });

  // switching language keeps what was entered (in this tab's sessionStorage only) and asks again
  const state = () => Array.from(form.elements).filter((e) => e.name).map(
    (e) => [e.name, e.type === "radio" ? e.checked : e.value]);
  document.getElementById("lang-switch").addEventListener("click", () => {
    sessionStorage.setItem(KEY, JSON.stringify({fields: state(), asked: !result.hidden}));
  });
  const saved = JSON.parse(sessionStorage.getItem(KEY) || "null");
  sessionStorage.removeItem(KEY);
  if (!form.elements.on.value) {
    const now = new Date();
    form.elements.on.value = new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  }
  if (saved) {
    const fields = Array.from(form.elements).filter((e) => e.name);
    saved.fields.forEach(([name, value], i) => {
      const e = fields[i];
      if (!e || e.name !== name) return;
      if (e.type === "radio") e.checked = value; else e.value = value;
    });
    if (saved.asked) ask();
  }
})();
