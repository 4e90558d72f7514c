// ZoneOps: the menu on phones and the service worker. No framework, nothing fetched from outside.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.addEventListener("click", () => window.print());
  }
  const toggle = document.querySelector(".menu-toggle");
  const nav = document.getElementById("nav");
  if (toggle && nav) {
    toggle.addEventListener("click", () => {
      const open = nav.classList.toggle("open");
      toggle.setAttribute("aria-expanded", String(open));
    });
  }
});
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch(() => {});
}

// Live lists: a section with data-live-topic re-reads data-live-src when the server says the
// topic changed. Messages carry no data; what is shown comes through the policy-scoped page.
(() => {
  const live = document.querySelectorAll("[data-live-topic]");
  if (!live.length || !("WebSocket" in window)) return;
  let socket, retry = 1000;
  const refresh = new Map();
  const reload = (element) => {
    // Do not wipe what someone is selecting: refresh once the selection is cleared.
    if (element.querySelector("input[type=checkbox]:checked")) { element.dataset.liveStale = "1"; return; }
    clearTimeout(refresh.get(element));
    refresh.set(element, setTimeout(async () => {
      try {
        const response = await fetch(element.dataset.liveSrc, { credentials: "same-origin", headers: { "Accept": "text/html" } });
        if (!response.ok) return;
        const target = element.querySelector("[data-live-body]") || element;
        target.innerHTML = await response.text();
        element.dataset.liveUpdated = String(Date.now());
        tick();
      } catch (_) { /* offline: the next change retries */ }
    }, 250));
  };
  const connect = () => {
    socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/live");
    const subscribe = () => {
      for (const topic of new Set([...live].map((e) => e.dataset.liveTopic))) socket.send(JSON.stringify({ subscribe: topic }));
    };
    socket.addEventListener("open", () => {
      retry = 1000;
      subscribe();
      // No answer within 3 s (a lost frame): ask once more; subscribing twice is harmless.
      setTimeout(() => { if (document.body.dataset.live !== "on" && socket.readyState === 1) subscribe(); }, 3000);
    });
    socket.addEventListener("message", (event) => {
      let message;
      try { message = JSON.parse(event.data); } catch (_) { return; }
      if (message.subscribed) document.body.dataset.live = "on";
      if (message.event !== "changed") return;
      for (const element of live) if (element.dataset.liveTopic === message.topic) reload(element);
    });
    socket.addEventListener("close", () => { setTimeout(connect, retry); retry = Math.min(retry * 2, 30000); });
  };
  document.addEventListener("change", (event) => {
    const element = event.target.closest && event.target.closest("[data-live-topic]");
    if (element && element.dataset.liveStale && !element.querySelector("input[type=checkbox]:checked")) {
      delete element.dataset.liveStale;
      reload(element);
    }
  });
  connect();
})();

// SLA countdowns: keep "剩余 …" / "已超时 …" current from each <time data-due datetime>.
function tick() {
  const zh = (document.documentElement.lang || "zh") !== "en";
  const span = (s) => {
    const m = Math.floor(s / 60), d = Math.floor(m / 1440), h = Math.floor((m % 1440) / 60), r = m % 60;
    return zh ? (d ? d + "天" : "") + (h ? h + "小时" : "") + (d ? "" : r + "分")
              : [d ? d + " d" : "", h ? h + " h" : "", d ? "" : r + " min"].filter(Boolean).join(" ");
  };
  for (const element of document.querySelectorAll("time[data-due]")) {
    const left = (Date.parse(element.getAttribute("datetime")) - Date.now()) / 1000;
    element.textContent = left >= 0 ? (zh ? "剩余 " : "") + span(left) + (zh ? "" : " left")
                                    : (zh ? "已超时 " : "Overdue by ") + span(-left);
    element.classList.toggle("overdue", left < 0);
    element.classList.toggle("soon", left >= 0 && left < 3600);
  }
}
setInterval(tick, 30000);

// Lookups made while a form is typed (caller history, known errors) in flight, on <body
// data-lookups>, so a test (or anything else) can wait until the form has stopped changing.
function lookups(delta) {
  document.body.dataset.lookups = String(Math.max(0, Number(document.body.dataset.lookups || 0) + delta));
}

// Hotline: the caller's earlier tickets appear while the number is typed.
(() => {
  const box = document.getElementById("caller-history");
  const phone = document.getElementById("phone");
  const name = document.getElementById("callerName");
  if (!box || !phone) return;
  let timer;
  const look = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const query = new URLSearchParams({ phone: phone.value.trim(), name: name ? name.value.trim() : "" });
      if (!phone.value.trim() && !(name && name.value.trim())) { box.innerHTML = ""; return; }
      lookups(+1);
      try {
        const response = await fetch(box.dataset.historySrc + "?" + query, { credentials: "same-origin" });
        if (response.ok) box.innerHTML = await response.text();
      } finally { lookups(-1); }
    }, 300);
  };
  phone.addEventListener("input", look);
  if (name) name.addEventListener("input", look);
})();

// The desk logs an incident or a call: known errors matching its words (and its CI) appear with
// their workaround while it types, so a known fault is answered at once.
(() => {
  const box = document.getElementById("known-errors");
  if (!box) return;
  const fields = ["title", "description", "summary", "ciId"].map((id) => document.getElementById(id)).filter(Boolean);
  let timer;
  const look = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const words = fields.filter((f) => f.id !== "ciId").map((f) => f.value.trim()).join(" ").trim();
      const ci = document.getElementById("ciId");
      if (words.length < 2 && !(ci && ci.value.trim())) { box.innerHTML = ""; return; }
      const query = new URLSearchParams({ q: words.slice(0, 200), ci: ci ? ci.value.trim() : "" });
      lookups(+1);
      try {
        const response = await fetch(box.dataset.knownSrc + "?" + query, { credentials: "same-origin" });
        if (response.ok) box.innerHTML = await response.text();
      } finally { lookups(-1); }
    }, 400);
  };
  for (const field of fields) field.addEventListener("input", look);
})();

// Wall mode: the board's full-screen button (the monitoring centre's screens).
document.addEventListener("click", (event) => {
  const button = event.target.closest && event.target.closest("[data-fullscreen]");
  if (!button) return;
  const board = button.closest(".board");
  if (board && board.requestFullscreen) board.requestFullscreen().catch(() => {});
});
