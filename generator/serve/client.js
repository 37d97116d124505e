// Live preview client, injected by `portfolio serve` (never part of the built site).
// Reloads on a new build, refreshes stylesheets on a CSS change, and shows the
// findings of a broken build in an overlay. The connection is closed while the
// tab is hidden, so no background tab keeps a request open.
(function () {
  "use strict";
  var base = "/__portfolio__/";
  var source = null;
  var shownVersion = null;
  var overlay = null;

  function esc(text) {
    return String(text == null ? "" : text).replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  function showFindings(state) {
    hideFindings();
    if (!state.findings || !state.findings.length) { return; }
    overlay = document.createElement("div");
    overlay.id = "portfolio-overlay";
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-label", state.title || "Findings");
    var items = state.findings.map(function (f) {
      var where = esc(f.file) + (f.line ? ":" + f.line + (f.column ? ":" + f.column : "") : "");
      return "<li><code>" + where + "</code> <strong>" + esc(f.severity) + " " + esc(f.rule) +
        "</strong><br>" + esc(f.message) + (f.hint ? "<br><em>" + esc(f.hint) + "</em>" : "") + "</li>";
    }).join("");
    overlay.innerHTML = '<div class="pf-box"><p class="pf-title">' + esc(state.title) +
      '</p><ol>' + items + '</ol><p class="pf-note">' + esc(state.note) +
      '</p><button type="button">×</button></div>';
    overlay.querySelector("button").addEventListener("click", hideFindings);
    document.body.appendChild(overlay);
  }

  function hideFindings() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  function refreshCss() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href);
      url.searchParams.set("v", String(Date.now()));
      link.href = url.toString();
    });
  }

  function addPrintLink(state) {
    var match = location.pathname.match(/\/applications\/([^\/]+)\.html$/);
    if (!match || document.getElementById("portfolio-print")) { return; }
    var link = document.createElement("a");
    link.id = "portfolio-print";
    link.href = base + "pdf/" + match[1] + ".pdf";
    link.textContent = state.print_label || "PDF";
    link.setAttribute("style", "position:fixed;right:1rem;bottom:1rem;z-index:2147483646;" +
      "padding:.5rem 1rem;border-radius:999px;background:#1f5f8b;color:#fff;" +
      "font:600 15px system-ui,sans-serif;text-decoration:none;box-shadow:0 2px 8px rgba(0,0,0,.3)");
    document.body.appendChild(link);
  }

  function apply(state) {
    addPrintLink(state);
    if (state.ok) { hideFindings(); } else { showFindings(state); }
    if (shownVersion === null) { shownVersion = state.version; return; }
    if (state.ok && state.version !== shownVersion) {
      if (state.css_only) { shownVersion = state.version; refreshCss(); return; }
      location.reload();
    }
  }

  function connect() {
    if (source || document.hidden) { return; }
    source = new EventSource(base + "events");
    source.addEventListener("state", function (event) { apply(JSON.parse(event.data)); });
    source.onerror = function () {
      // The server restarts or is gone: try again in a moment.
      disconnect();
      setTimeout(connect, 1000);
    };
  }

  function disconnect() {
    if (source) { source.close(); source = null; }
  }

  document.addEventListener("visibilitychange", function () {
    if (document.hidden) { disconnect(); } else { connect(); }
  });
  window.addEventListener("pagehide", disconnect);

  var style = document.createElement("style");
  style.textContent = "#portfolio-overlay{position:fixed;inset:0;z-index:2147483647;" +
    "background:rgba(20,24,32,.72);overflow:auto;font:15px/1.6 system-ui,sans-serif}" +
    "#portfolio-overlay .pf-box{position:relative;max-width:52rem;margin:4vh auto;" +
    "background:#fff;color:#1c2430;border-top:6px solid #b42318;border-radius:10px;padding:1.25rem 1.5rem}" +
    "#portfolio-overlay .pf-title{font-weight:700;font-size:1.1rem;margin:0 0 .5rem}" +
    "#portfolio-overlay li{margin:.6rem 0}#portfolio-overlay code{background:#f1f3f6;padding:0 .3rem}" +
    "#portfolio-overlay .pf-note{color:#555;margin:.75rem 0 0}" +
    "#portfolio-overlay button{position:absolute;top:.5rem;right:.75rem;font-size:1.5rem;" +
    "border:0;background:none;cursor:pointer}";
  document.head.appendChild(style);
  connect();
})();
