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
        padding: "1.5rem", background: "rgba(24, 24, 27, 0.96)", color: "#fafafa",
        font: "14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
        colorScheme: "dark", textAlign: "left",
      });
      document.body.append(box);
    }
    const title = document.createElement("p");
    title.textContent = report.summary;
    Object.assign(title.style, { fontWeight: "bold", color: "#fafafa", margin: "0 0 1rem" });
    const items = report.diagnostics.map((d) => {
      const item = document.createElement("pre");
      item.textContent = d.excerpt ? `${d.text}\n${d.excerpt}` : d.text;
      // the page's own styles for <pre> (a light background in light mode) must not
      // reach the overlay: every colour here is its own
      Object.assign(item.style, {
        whiteSpace: "pre-wrap", background: "#27272a", color: "#fafafa", font: "inherit",
        margin: "0 0 0.75rem", padding: "0.5rem 0.75rem", border: "1px solid #52525b",
        borderRadius: "4px", boxShadow: "none",
      });
      return item;
    });
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    Object.assign(close.style, {
      background: "#fafafa", color: "#18181b", border: "0", borderRadius: "4px",
      padding: "0.4rem 1rem", font: "inherit", cursor: "pointer", minHeight: "44px",
    });
    close.addEventListener("click", () => box.remove());
    box.replaceChildren(title, ...items, close);
  }
})();
