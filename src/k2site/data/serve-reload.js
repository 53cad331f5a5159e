// Injected by `k2site serve` only. Reloads the page when a file it uses is rebuilt and
// shows build errors over it. Diagnostics are set as text, never parsed as HTML.
(() => {
  "use strict";
  let token = new URL(document.currentScript.src).searchParams.get("build");
  const local = (url) => decodeURIComponent(url.pathname).replace(/^\//, "")
    .replace(/(^|\/)$/, "$1index.html");
  const uses = () => new Set([location, ...performance.getEntriesByType("resource")
    .map((entry) => new URL(entry.name))
    .filter((url) => url.origin === location.origin)].map(local));
  const events = new EventSource("/__k2site/events");
  events.addEventListener("hello", (event) => {
    if (event.data !== token) location.reload();
  });
  events.addEventListener("reload", (event) => {
    const build = JSON.parse(event.data);
    const used = uses();
    if (document.getElementById("k2site-overlay") || build.changed.some((p) => used.has(p))) {
      location.reload();
    }
    token = build.token;
  });
  events.addEventListener("problems", (event) => show(JSON.parse(event.data)));

  function show(report) {
    let box = document.getElementById("k2site-overlay");
    if (!box) {
      box = document.createElement("div");
      box.id = "k2site-overlay";
      box.setAttribute("role", "alert");
      Object.assign(box.style, {
        position: "fixed", inset: "0", zIndex: "2147483647", overflow: "auto",
        padding: "1.5rem", background: "rgba(24, 24, 27, 0.94)", color: "#fafafa",
        font: "14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
      });
      document.body.append(box);
    }
    const title = document.createElement("p");
    title.textContent = report.summary;
    title.style.fontWeight = "bold";
    const items = report.diagnostics.map((d) => {
      const item = document.createElement("pre");
      item.textContent = d.excerpt ? `${d.text}\n${d.excerpt}` : d.text;
      item.style.whiteSpace = "pre-wrap";
      return item;
    });
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.addEventListener("click", () => box.remove());
    box.replaceChildren(title, ...items, close);
  }
})();
