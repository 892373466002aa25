// The phone page: follows the facilitator's step through server-sent
// events, and sends notes, answers and lines one at a time, in order,
// each with its own key, from a queue kept on the phone: a note written
// while the Wi-Fi is down waits and goes when it comes back. Everything
// shown is set with textContent, never as markup.
"use strict";

(function () {
  var QUEUE = "atelier-room-queue";
  var LANG = "atelier-room-lang";
  var texts = { fr: {}, en: {} };
  var lang = localStorage.getItem(LANG) ||
    ((navigator.language || "fr").toLowerCase().indexOf("fr") === 0 ? "fr" : "en");
  var stage = null;
  var column = null;
  var source = null;
  var sending = false;
  var closed = false;
  var clockTimer = null;
  var clockEnd = 0;
  var clockRunning = false;

  function $(id) { return document.getElementById(id); }
  function t(id) { return texts[lang][id] || texts.fr[id] || id; }
  function said(s) { return s ? (s[lang] || s.fr || "") : ""; }

  function load() {
    try { return JSON.parse(localStorage.getItem(QUEUE) || "[]"); } catch (e) { return []; }
  }
  function store(queue) { localStorage.setItem(QUEUE, JSON.stringify(queue)); }

  function newKey() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function translate() {
    document.documentElement.lang = lang;
    $("lang").textContent = lang === "fr" ? "EN" : "FR";
    var all = document.querySelectorAll("[data-t]");
    for (var i = 0; i < all.length; i++) { all[i].textContent = t(all[i].getAttribute("data-t")); }
    setStatus(online);
    if (stage) { render(); }
  }

  var online = false;
  function setStatus(up) {
    online = up;
    var status = $("status");
    status.textContent = closed ? t("room-page-closed") : up ? t("room-page-online") : t("room-page-offline");
    status.className = "status " + (up && !closed ? "online" : "offline");
  }

  function show(section) {
    ["join", "closed", "stage"].forEach(function (id) { $(id).hidden = id !== section; });
  }

  function post(path, body) {
    return fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify(body)
    });
  }

  function start() {
    fetch("/api/me", { credentials: "same-origin" }).then(function (response) {
      if (response.status === 410) { return roomClosed(); }
      if (response.status === 401) { return show("join"); }
      follow();
    }).catch(function () { setStatus(false); setTimeout(start, 2000); });
  }

  function roomClosed() {
    closed = true;
    if (source) { source.close(); source = null; }
    setStatus(false);
    show("closed");
  }

  function follow() {
    if (source) { source.close(); }
    // The browser reconnects by itself when the stream drops (the retry
    // the server gives is two seconds).
    source = new EventSource("/api/events");
    source.addEventListener("open", function () { setStatus(true); pump(); });
    source.addEventListener("error", function () {
      setStatus(false);
      // Refused rather than cut (a room opened again has new cookies):
      // the browser gives up, so the page asks again.
      if (source && source.readyState === 2 && !closed) { setTimeout(start, 2000); }
    });
    source.addEventListener("stage", function (event) {
      setStatus(true);
      var next = JSON.parse(event.data);
      if (next.room_closed) { return roomClosed(); }
      var moved = !stage || stage.step !== next.step;
      stage = next;
      if (moved) { column = null; $("text").value = ""; updateCount(); }
      render();
      pump();
    });
  }

  function render() {
    show("stage");
    $("title").textContent = said(stage.title);
    var prompts = $("prompts");
    prompts.textContent = "";
    stage.prompts.forEach(function (p) {
      var el = document.createElement("p");
      el.className = "prompt";
      el.textContent = said(p);
      prompts.appendChild(el);
    });
    renderClock();
    var kind = stage.kind;
    var writes = !stage.closed && (kind === "board" || kind === "plan" || kind === "closing");
    $("write").hidden = !writes;
    $("checklist").hidden = stage.closed || kind !== "checklist";
    $("nothing").hidden = writes || (!stage.closed && kind === "checklist");
    if (writes) { renderWrite(); }
    if (kind === "checklist" && !stage.closed) { renderChecklist(); }
    renderMine();
  }

  function renderClock() {
    var c = stage.countdown;
    clockRunning = !!(c && c.running);
    $("clock").hidden = !c;
    if (!c) { return; }
    clockEnd = Date.now() + c.remaining_ms;
    tick();
    if (clockTimer) { clearInterval(clockTimer); }
    clockTimer = setInterval(tick, 500);
    function tick() {
      var left = clockRunning ? Math.max(0, clockEnd - Date.now()) : c.remaining_ms;
      var s = Math.ceil(left / 1000);
      $("clock").textContent = Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2);
    }
  }

  function renderWrite() {
    var columns = $("columns");
    columns.textContent = "";
    var board = stage.kind === "board";
    columns.hidden = !board;
    if (board) {
      if (!column && stage.choices.length) { column = stage.choices[0].id; }
      stage.choices.forEach(function (choice) {
        var b = document.createElement("button");
        b.type = "button";
        b.setAttribute("role", "radio");
        b.setAttribute("aria-checked", String(choice.id === column));
        b.textContent = said(choice.text);
        b.addEventListener("click", function () { column = choice.id; renderWrite(); });
        columns.appendChild(b);
      });
    }
    var label = board ? "room-page-write" : stage.kind === "plan" ? "room-page-partner" : "room-page-closing";
    $("text-label").textContent = t(label);
  }

  function renderChecklist() {
    var items = $("items");
    var mine = mineFor(stage.step).filter(function (m) { return m.kind === "answers"; }).pop();
    var ticked = mine ? mine.ticked : [];
    var before = {};
    var boxes = items.querySelectorAll("input");
    for (var i = 0; i < boxes.length; i++) { before[boxes[i].value] = boxes[i].checked; }
    items.textContent = "";
    stage.choices.forEach(function (choice) {
      var li = document.createElement("li");
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.value = choice.id;
      box.checked = choice.id in before ? before[choice.id] : ticked.indexOf(choice.id) >= 0;
      var span = document.createElement("span");
      span.textContent = said(choice.text);
      label.appendChild(box);
      label.appendChild(span);
      li.appendChild(label);
      items.appendChild(li);
    });
    $("answered").textContent = t("room-page-answered").replace("{n}", String(stage.answered));
    var totals = $("totals");
    totals.textContent = "";
    totals.hidden = !stage.totals;
    if (stage.totals) {
      stage.choices.forEach(function (choice, i) {
        var li = document.createElement("li");
        var name = document.createElement("span");
        name.textContent = said(choice.text);
        var n = document.createElement("strong");
        n.textContent = String(stage.totals[i]);
        li.appendChild(name);
        li.appendChild(n);
        totals.appendChild(li);
      });
    }
  }

  function mineFor(step) {
    return load().filter(function (m) { return m.step === step; });
  }

  function renderMine() {
    var list = $("mine");
    list.textContent = "";
    var mine = mineFor(stage.step).filter(function (m) {
      return (m.kind === "note" || m.kind === "partner" || m.kind === "closing") && m.state !== "withdrawn";
    });
    $("mine-title").hidden = mine.length === 0;
    mine.forEach(function (m) {
      var li = document.createElement("li");
      li.setAttribute("data-key", m.key);
      li.textContent = m.text;
      var state = document.createElement("span");
      state.className = "state " + m.state;
      state.textContent = m.state === "saved" ? t("room-page-sent") :
        m.state === "refused" ? t(m.why || "room-refused-text") : t("room-page-waiting");
      li.appendChild(state);
      // One's own notes can be changed or taken back while their step is
      // on screen.
      if (m.kind === "note" && m.state === "saved" && stage.kind === "board" && !stage.closed) {
        li.appendChild(small("room-page-edit", function () {
          var text = window.prompt(t("room-page-edit-prompt"), m.text);
          if (text && text.trim() && text.trim() !== m.text) {
            enqueue({ step: m.step, kind: "edit", of: m.key, text: text.trim() });
          }
        }));
        li.appendChild(small("room-page-withdraw", function () {
          enqueue({ step: m.step, kind: "withdraw", of: m.key, text: "" });
        }));
      }
      list.appendChild(li);
    });
  }

  function small(label, act) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "small";
    b.setAttribute("data-act", label);
    b.textContent = t(label);
    b.addEventListener("click", act);
    return b;
  }

  function enqueue(item) {
    var queue = load();
    item.key = newKey();
    item.state = "waiting";
    queue.push(item);
    // A phone keeps its last few hundred, not more.
    store(queue.slice(-300));
    renderMine();
    pump();
  }

  // Sends the oldest waiting item, then the next: one at a time, so that
  // the notes of a phone land in the order they were written.
  function pump() {
    if (sending || closed) { return; }
    var queue = load();
    var item = queue.filter(function (m) { return m.state === "waiting"; })[0];
    if (!item) { return; }
    sending = true;
    var body = { key: item.key, step: item.step, kind: item.kind };
    if (item.kind === "note") { body.column = item.column; }
    if (item.of) { body.of = item.of; }
    if (item.kind === "answers") { body.ticked = item.ticked; } else if (item.kind !== "withdraw") { body.text = item.text; }
    post("/api/send", body).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (answer) {
        if (response.ok && answer.saved) { settle(item.key, "saved"); return true; }
        if (response.status === 410) { settle(item.key, "refused", "room-closed"); roomClosed(); return false; }
        if (response.status === 503 || response.status === 429 || response.status >= 500) { return false; }
        settle(item.key, "refused", answer.refused);
        return true;
      });
    }).catch(function () { setStatus(false); return false; }).then(function (goOn) {
      sending = false;
      if (goOn) { pump(); } else if (!closed) { setTimeout(pump, 2000); }
    });
  }

  function settle(key, state, why) {
    var queue = load();
    queue.forEach(function (m) {
      if (m.key !== key) { return; }
      m.state = state;
      m.why = why;
      // A change of one's own note shows on it once the laptop has it.
      if (state === "saved" && m.of) {
        queue.forEach(function (o) {
          if (o.key !== m.of) { return; }
          if (m.kind === "edit") { o.text = m.text; }
          if (m.kind === "withdraw") { o.state = "withdrawn"; }
        });
      }
    });
    store(queue);
    if (stage) { renderMine(); }
  }

  function updateCount() { $("count").textContent = String($("text").value.length); }

  document.addEventListener("DOMContentLoaded", function () {
    $("lang").addEventListener("click", function () {
      lang = lang === "fr" ? "en" : "fr";
      localStorage.setItem(LANG, lang);
      translate();
    });
    $("text").addEventListener("input", updateCount);
    $("write").addEventListener("submit", function (event) {
      event.preventDefault();
      var text = $("text").value.trim();
      if (!text || !stage) { return; }
      var kind = stage.kind === "board" ? "note" : stage.kind === "plan" ? "partner" : "closing";
      enqueue({ step: stage.step, kind: kind, column: column, text: text });
      $("text").value = "";
      updateCount();
    });
    $("checklist").addEventListener("submit", function (event) {
      event.preventDefault();
      var ticked = [];
      var boxes = $("items").querySelectorAll("input");
      for (var i = 0; i < boxes.length; i++) { if (boxes[i].checked) { ticked.push(boxes[i].value); } }
      enqueue({ step: stage.step, kind: "answers", ticked: ticked, text: "" });
      $("answered").textContent = t("room-page-sending");
    });
    $("join-form").addEventListener("submit", function (event) {
      event.preventDefault();
      post("/api/join", { code: $("code").value }).then(function (response) {
        if (response.ok) { $("join-error").hidden = true; follow(); return; }
        return response.json().then(function (answer) {
          $("join-error").textContent = t(answer.refused || "room-refused-code");
          $("join-error").hidden = false;
        });
      }).catch(function () { setStatus(false); });
    });
    // Back from sleep or from a lost network: follow again, send what waits.
    window.addEventListener("online", function () { pump(); });
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden && !closed && (!source || source.readyState === 2)) { start(); }
    });
    fetch("/api/texts").then(function (r) { return r.json(); }).then(function (all) {
      texts = all;
      translate();
      start();
    }).catch(function () { setTimeout(function () { location.reload(); }, 3000); });
  });
})();
