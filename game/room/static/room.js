// The team page (and the spectator's): draws what the host sends, sends the step a team picks.
// The host's engine is the only authority: this page never works out a rule itself. It shows
// the legal steps the host offers (with the engine's words), the engine's reason when a tapped
// space is refused, and sends each step with the version of the state it was chosen in.
"use strict";
(function () {
  const PROTOCOL = 1;
  const $ = (id) => document.getElementById(id);
  const SVGNS = "http://www.w3.org/2000/svg";
  const hash = new URLSearchParams(location.hash.replace(/^#/, ""));
  const token = hash.get("team");
  const spectate = !token;
  let ws = null, tries = 0, timerEnd = null, timerTick = null, reconnectTimer = null, stopped = false;
  let names = null, map = null, last = null, selected = null, mapBuilt = false, sentAt = null;
  const factionById = {}, spaceById = {};

  // ----- words: the page's own, in the host's language (/words.js, game/room/page_words.py) -----
  const WORDS = window.COG_WORDS || {};
  function w(key, args) {
    let text = WORDS[key] !== undefined ? WORDS[key] : key;
    for (const k in args || {}) text = text.split("{" + k + "}").join(String(args[k]));
    return text;
  }
  if (WORDS.lang) document.documentElement.lang = WORDS.lang;
  if (WORDS.title) document.title = WORDS.title;
  document.querySelectorAll("[data-w]").forEach((e) => { e.textContent = w(e.dataset.w); });
  ["placeholder", "title", "aria-label"].forEach((attr) => {
    document.querySelectorAll("[data-w-" + attr + "]").forEach((e) => { e.setAttribute(attr, w(e.getAttribute("data-w-" + attr))); });
  });

  // ----- connection ------------------------------------------------------------------------------
  function connect() {
    if (stopped) return;
    clearTimeout(reconnectTimer);
    const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
    ws = new WebSocket(url);
    ws.onopen = () => {
      tries = 0;
      send(spectate ? { type: "hello", spectate: true } : { type: "hello", token: token });
      setConn(true);
    };
    ws.onmessage = (e) => { try { onMessage(JSON.parse(e.data)); } catch (err) { console.error(err); } };
    ws.onclose = (e) => {
      setConn(false);
      // the page's own words, not the close frame's reason (English, and at most 123 bytes)
      if (e.code === 4001 || e.code === 4003) { stopped = true; banner(w("link_no_seat"), true); return; }
      if (e.code === 4002) { stopped = true; banner(w("seat_elsewhere") + " " + w("reload"), true); return; }
      // back off: 0.5, 1, 2, 4 … 15 s, with jitter, so thirty phones do not knock at once
      const wait = Math.min(15000, 500 * Math.pow(2, tries++)) * (0.75 + Math.random() * 0.5);
      banner(w("reconnecting"));
      reconnectTimer = setTimeout(connect, wait);
    };
  }
  function send(msg) {
    if (ws && ws.readyState === 1) { ws.send(JSON.stringify(Object.assign({ v: PROTOCOL }, msg))); return true; }
    return false;
  }
  document.addEventListener("visibilitychange", () => {  // a phone woke up: try at once
    if (document.visibilityState === "visible" && !stopped && (!ws || ws.readyState > 1)) { tries = 0; connect(); }
  });
  window.addEventListener("online", () => { if (!stopped && (!ws || ws.readyState > 1)) { tries = 0; connect(); } });
  function setConn(on) { const c = $("conn"); c.className = "conn " + (on ? "on" : "off"); c.title = w(on ? "connected" : "not_connected"); }
  function banner(text, bad) {
    const b = $("banner");
    if (!text) { b.hidden = true; return; }
    b.textContent = text; b.hidden = false; b.className = bad ? "error" : "";
  }

  // ----- messages -----------------------------------------------------------------------------------
  function onMessage(m) {
    if (m.type === "welcome") {
      names = m.names;
      names.factions.forEach((f) => { factionById[f.id] = f; });
      names.spaces.forEach((s) => { spaceById[s.id] = s; });
      const me = m.faction ? factionById[m.faction] : null;
      const who = $("who");
      who.textContent = me ? me.name : w("spectator");
      if (me) { who.style.borderColor = me.colour; document.title = w("faction_title", { faction: me.name }); }
      if (!map) fetch("/map.json").then((r) => r.json()).then((g) => { map = g; mapBuilt = false; if (last) render(last); }).catch(() => {});
    } else if (m.type === "state") {
      last = m; sentAt = null; render(m);
    } else if (m.type === "seats") {
      if (last) { last.seats_live = m.seats; renderScores(last); }
    } else if (m.type === "error") {
      banner(m.message, true); sentAt = null; enableChoices(true);
    }
  }

  // ----- drawing a state ------------------------------------------------------------------------------
  function render(s) {
    const v = s.view;
    document.body.dataset.version = s.version;
    document.body.dataset.mine = s.choices.length ? "yes" : "no";
    const phase = v.phase === "actions" ? w("action_round", { n: v.action_round }) : w("phase_" + v.phase);
    $("when").textContent = w("when", { year: v.year, round: v.round, rounds: v.rounds, phase: phase });
    if (s.waiting) banner(s.waiting); else if (s.paused) banner(w("paused")); else if (!$("banner").classList.contains("error")) banner("");
    if (v.outcome) banner(w("game_over", { outcome: s.outcome_words[0] || v.outcome.kind }));
    renderTimer(s.timer);
    renderAct(s);
    renderReason(s);
    renderHand(s);
    renderMap(s);
    renderTracks(v);
    renderScores(s);
    renderCountries(v);
    renderLog(s.log);
    if (selected) showSpace(selected);
  }

  function renderAct(s) {
    const box = $("act"), list = $("choices");
    list.textContent = "";
    $("why").hidden = true;
    const mine = s.choices.length > 0;
    box.hidden = !mine && spectate;
    if (!mine) {
      box.hidden = spectate;
      const actor = s.view.actor ? (factionById[s.view.actor] || {}).name : null;
      $("prompt").textContent = s.view.outcome ? w("over") : actor ? w("waiting_for", { faction: actor }) : w("runs_on");
      return;
    }
    $("prompt").textContent = s.view.prompt;
    s.choices.forEach((c) => {
      if (c.action.startsWith("play ")) return;  // cards are played from the hand below
      const b = document.createElement("button");
      b.textContent = c.words; b.dataset.action = c.action; b.title = c.action;
      b.addEventListener("click", () => act(c.action));
      list.appendChild(b);
    });
    const cards = s.choices.some((c) => c.action.startsWith("play "));
    const spaces = s.choices.some((c) => { const w = c.action.split(" "); return w.length >= 2 && spaceById[w[1]]; });
    if (cards || spaces) {
      const hint = document.createElement("p"); hint.className = "hint";
      hint.textContent = w(cards ? "hint_cards" : "hint_spaces");
      list.appendChild(hint);
    }
  }

  function act(action) {
    if (!last || sentAt) return;
    if (send({ type: "act", action: action, at: last.version })) { sentAt = Date.now(); enableChoices(false); banner(""); }
    else banner(w("not_sent"), true);
  }
  function enableChoices(on) { document.querySelectorAll("#choices button, .card.playable").forEach((b) => { b.disabled = !on; }); }

  function renderReason(s) {
    const box = $("reason");
    if (!s.reason || spectate) { box.hidden = true; return; }
    if (box.hidden) $("reason-text").value = "";
    box.hidden = false;
    $("reason-what").textContent = s.reason.words;
    box.dataset.start = s.reason.start;
  }
  $("reason-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const text = $("reason-text").value.trim();
    if (text) send({ type: "reason", start: Number($("reason").dataset.start), text: text });
    $("reason").hidden = true;
  });
  $("reason-skip").addEventListener("click", () => { $("reason").hidden = true; });

  function renderHand(s) {
    const panel = $("hand-panel"), box = $("hand");
    panel.hidden = spectate;
    box.textContent = "";
    s.hand.forEach((c) => {
      const el = document.createElement("div");
      el.className = "card" + (c.action ? " playable" : "");
      el.dataset.card = c.id;
      if (c.action) { el.dataset.action = c.action; el.tabIndex = 0; el.setAttribute("role", "button"); }
      const h = document.createElement("h3"); h.textContent = c.name; el.appendChild(h);
      const meta = document.createElement("div"); meta.className = "meta";
      meta.textContent = w("card_meta", { domain: names ? names.domains[c.type] || c.type : c.type, cost: c.cost, ops: c.ops }) + (c.hypothetical ? " · " + w("hypothetical") : "");
      el.appendChild(meta);
      if (c.event) { const ev = document.createElement("p"); ev.className = "event"; ev.textContent = w("event", { text: c.event }); el.appendChild(ev); }
      if (c.flavour) { const fl = document.createElement("p"); fl.className = "flavour"; fl.textContent = c.flavour; el.appendChild(fl); }
      if (c.why_not) { const no = document.createElement("p"); no.className = "no"; no.textContent = c.why_not; el.appendChild(no); }
      if (c.action) {
        el.addEventListener("click", () => act(c.action));
        el.addEventListener("keydown", (e) => { if (e.key === "Enter") act(c.action); });
      }
      box.appendChild(el);
    });
    if (!s.hand.length && !spectate) box.textContent = w("no_cards");
  }

  // ----- the map: the same geometry as the window ------------------------------------------------------
  function pathOf(polys) {
    let d = "";
    polys.forEach((poly) => poly.forEach((ring) => { ring.forEach((p, i) => { d += (i ? "L" : "M") + p[0] + " " + p[1]; }); d += "Z"; }));
    return d;
  }
  function el(tag, attrs, parent) {
    const e = document.createElementNS(SVGNS, tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function buildMap() {
    const svg = $("map");
    svg.textContent = "";
    svg.setAttribute("viewBox", "0 0 " + map.width + " " + map.height);
    for (const k in map.neighbours) el("path", { d: pathOf(map.neighbours[k].polygons), class: "neighbour" }, svg);
    for (const k in map.water) el("path", { d: pathOf(map.water[k].polygons), class: "water" }, svg);
    for (const k in map.countries) el("path", { d: pathOf(map.countries[k].polygons), class: "country" }, svg);
    const spaces = el("g", { id: "spaces" }, svg);
    names.spaces.forEach((s) => {
      const g = map.spaces[s.shape] || map.spaces[s.id];
      if (!g) return;
      const p = el("path", { d: pathOf(g.polygons), class: "space", id: "sp-" + s.id, "data-space": s.id, fill: "#55606e" }, spaces);
      p.addEventListener("click", () => tapSpace(s.id));
    });
    const labels = el("g", { id: "labels" }, svg);
    names.spaces.forEach((s) => {
      const g = map.spaces[s.shape] || map.spaces[s.id];
      if (!g || !g.label) return;
      const t = el("text", { x: g.label[0], y: g.label[1], "text-anchor": "middle", class: s.capital ? "cap" : "" }, labels);
      t.textContent = s.name + (s.capital ? " ★" : "");
      el("g", { id: "bd-" + s.id }, labels);
    });
    mapBuilt = true;
  }
  function renderMap(s) {
    if (!map || !names) return;
    if (!mapBuilt) buildMap();
    const targets = {};
    s.choices.forEach((c) => { const w = c.action.split(" "); if (w.length >= 2 && spaceById[w[1]]) (targets[w[1]] = targets[w[1]] || []).push(c); });
    names.spaces.forEach((sp) => {
      const p = $("sp-" + sp.id); if (!p) return;
      const info = s.view.spaces[sp.id];
      const leader = info && info.leader ? factionById[info.leader] : null;
      p.setAttribute("fill", leader ? leader.colour : "#55606e");
      p.classList.toggle("target", !!targets[sp.id]);
      p.classList.toggle("sel", selected === sp.id);
      const g = map.spaces[sp.shape] || map.spaces[sp.id];
      const bd = $("bd-" + sp.id);
      if (!bd || !g || !g.label) return;
      bd.textContent = "";
      const totals = Object.entries(info ? info.influence : {}).map(([f, d]) => [f, d.soft_power + d.security + d.trade]).filter((x) => x[1] > 0);
      const w = 20, x0 = g.label[0] - (totals.length * w) / 2, y0 = g.label[1] + 6;
      totals.forEach(([f, n], i) => {
        el("rect", { x: x0 + i * w, y: y0, width: w - 2, height: 16, rx: 3, fill: (factionById[f] || {}).colour || "#888", class: "badge" }, bd);
        const t = el("text", { x: x0 + i * w + (w - 2) / 2, y: y0 + 12.5, "text-anchor": "middle", class: "badge-n" }, bd);
        t.textContent = String(n);
      });
    });
  }
  function tapSpace(id) {
    selected = id;
    showSpace(id);
    if (!last) return;
    const mine = last.choices.filter((c) => c.action.split(" ")[1] === id);
    document.querySelectorAll("#choices button").forEach((b) => b.classList.toggle("pick", mine.some((c) => c.action === b.dataset.action)));
    if (mine.length === 1) { act(mine[0].action); return; }
    const why = $("why");
    if (!mine.length) {
      const no = last.blocked.find((b) => b.space === id);
      if (no) { why.textContent = (spaceById[id] || {}).name + ": " + no.why; why.hidden = false; }
      else why.hidden = true;
    } else why.hidden = true;
    renderMap(last);
  }
  function showSpace(id) {
    if (!last) return;
    const info = last.view.spaces[id], box = $("space-info");
    if (!info) { box.hidden = true; return; }
    box.textContent = "";
    const h = document.createElement("b"); h.textContent = w("space_head", { space: (spaceById[id] || {}).name, stability: info.stability }); box.appendChild(h);
    Object.entries(info.influence).forEach(([f, d]) => {
      const p = document.createElement("div");
      p.textContent = w("space_influence", { faction: (factionById[f] || {}).name, soft_power: d.soft_power, security: d.security, trade: d.trade });
      box.appendChild(p);
    });
    const r = document.createElement("small"); r.textContent = info.reason; box.appendChild(r);
    box.hidden = false;
  }

  // ----- numbers, countries, log -----------------------------------------------------------------------
  function renderTracks(v) {
    const box = $("tracks"); box.textContent = "";
    (names ? names.tracks : []).forEach((t) => {
      const s = document.createElement("span"); s.textContent = t.name + " ";
      const b = document.createElement("b"); b.textContent = v.tracks[t.id] + "/" + t.max; s.appendChild(b); box.appendChild(s);
    });
    const bi = document.createElement("span"); bi.textContent = w("balance_index") + " ";
    const b = document.createElement("b"); b.textContent = Math.round(v.balance_index); bi.appendChild(b); box.appendChild(bi);
  }
  function renderScores(s) {
    const body = document.querySelector("#scores tbody"); body.textContent = "";
    const v = s.view, live = s.seats_live || {};
    v.turn_order.forEach((f) => {
      const tr = document.createElement("tr");
      if (f === v.actor) tr.className = "acting";
      const fac = factionById[f] || { name: f, colour: "#888" };
      const seat = live[f] || s.seats[f] || "";
      const cells = [fac.name, v.vp[f], v.capital[f], v.hand_sizes[f], seat ? w("seat_" + seat) : ""];
      cells.forEach((c, i) => {
        const td = document.createElement("td"); if (i && i < 4) td.className = "n";
        if (i === 0) { const dot = document.createElement("span"); dot.className = "dot"; dot.style.background = fac.colour; td.appendChild(dot); }
        td.appendChild(document.createTextNode(String(c))); tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }
  function renderCountries(v) {
    const box = $("countries"); box.textContent = "";
    (names ? names.countries : []).forEach((c) => {
      const st = v.countries[c.id]; if (!st) return;
      const p = document.createElement("p");
      const who = st.faction ? (factionById[st.faction] || {}).name : "";
      p.textContent = c.name + ": " + w("status_" + st.status) + (who ? " (" + who + ")" : "") + " ";
      const sm = document.createElement("small"); sm.textContent = st.reasons.join(" "); p.appendChild(sm);
      box.appendChild(p);
    });
  }
  function renderLog(lines) {
    const box = $("log"); box.textContent = "";
    lines.slice(-60).reverse().forEach((l) => {
      const li = document.createElement("li"); li.textContent = l;
      if (l.startsWith("—")) li.className = "round";
      box.appendChild(li);
    });
  }
  function renderTimer(t) {
    const el = $("timer");
    clearInterval(timerTick);
    if (!t || !t.limit) { el.hidden = true; return; }
    timerEnd = Date.now() + t.left * 1000;
    const tick = () => {
      const left = Math.max(0, Math.ceil((timerEnd - Date.now()) / 1000));
      el.textContent = (factionById[t.faction] || {}).name + " " + Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
      el.className = left === 0 ? "out" : "";
    };
    el.hidden = false; tick(); timerTick = setInterval(tick, 500);
  }

  if (!token && hash.get("spectate") === null && location.hash) banner(w("no_seat_in_link"));
  connect();
})();
