/* k2site reader script. Progressive enhancement only: without it every citation is a plain
   link to its study, the contents list opens on a click, and only the controls that need
   it (theme, evidence filter, search results) are missing. No framework, no other host.
   Study previews (previews.js) and search (search.js) load only on the pages with them. */
(function () {
  "use strict";

  var doc = document;
  var root = doc.body.getAttribute("data-root") || "";

  function $(selector, scope) { return (scope || doc).querySelector(selector); }
  function $$(selector, scope) { return Array.prototype.slice.call((scope || doc).querySelectorAll(selector)); }

  function el(tag, attrs, children) {
    var node = doc.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined && child !== "") {
        node.appendChild(typeof child === "string" ? doc.createTextNode(child) : child);
      }
    });
    return node;
  }

  function jsonData(id) {
    var node = doc.getElementById(id);
    if (!node) { return null; }
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  function badge(group, symbol, label) {
    return el("span", { "class": "badge badge-" + group }, [
      el("span", { "class": "badge-symbol", "aria-hidden": "true" }, [symbol]),
      el("span", { "class": "visually-hidden" }, ["Evidence: "]), label
    ]);
  }

  /* ---- Theme: system, light or dark, remembered on this device. ---- */
  function initTheme() {
    var control = $(".theme-control");
    var select = $("#theme-choice");
    if (!control || !select) { return; }
    var saved = doc.documentElement.getAttribute("data-theme") || "auto";
    select.value = saved;
    control.hidden = false;
    select.addEventListener("change", function () {
      var value = select.value;
      if (value === "auto") { doc.documentElement.removeAttribute("data-theme"); }
      else { doc.documentElement.setAttribute("data-theme", value); }
      try {
        if (value === "auto") { localStorage.removeItem("k2site-theme"); }
        else { localStorage.setItem("k2site-theme", value); }
      } catch (e) { /* private mode: the choice lasts for this page only */ }
    });
  }

  /* ---- Contents: open beside the text on wide screens, folded away on phones. ---- */
  function initToc() {
    var details = $(".toc-details");
    if (!details || !window.matchMedia) { return; }
    var wide = window.matchMedia("(min-width: 70rem)");
    details.open = wide.matches;
    wide.addEventListener("change", function () { details.open = wide.matches; });
  }

  /* ---- Evidence filter: highlight claims at or above a group; kept in the URL. ---- */
  function initFilter() {
    var form = $(".evidence-filter");
    var select = $("#evidence-min");
    var body = $(".article-body");
    if (!form || !select || !body) { return; }
    var status = $(".filter-status", form);
    // The options list the groups strongest first; groups not offered rank below them all.
    var order = $$("option", select).map(function (o) { return o.value; }).filter(Boolean);
    function rank(group) { var i = order.indexOf(group); return i < 0 ? order.length : i; }

    function apply(value, updateUrl) {
      if (value && order.indexOf(value) < 0) { value = ""; }
      select.value = value;
      var claims = $$(".claim", body);
      var strong = 0;
      claims.forEach(function (claim) {
        var on = !!value && rank(claim.getAttribute("data-evidence")) <= rank(value);
        claim.classList.toggle("is-strong", on);
        if (on) { strong += 1; }
      });
      body.classList.toggle("is-filtering", !!value);
      var label = value ? select.options[select.selectedIndex].textContent.replace(/\s*\(.*\)$/, "").replace(/^\S+\s/, "") : "";
      status.textContent = value
        ? "Highlighting " + strong + " of " + claims.length + " claims whose best evidence is “" + label + "” or stronger; the rest are dimmed."
        : "";
      // The choice follows the reader to the next and previous sections.
      $$(".pager a, .toc-sections > li > a:not([aria-current])").forEach(function (a) {
        var next = new URL(a.href);
        if (value) { next.searchParams.set("evidence", value); } else { next.searchParams.delete("evidence"); }
        a.href = next.toString();
      });
      if (updateUrl && window.history && history.replaceState) {
        var url = new URL(window.location.href);
        if (value) { url.searchParams.set("evidence", value); } else { url.searchParams.delete("evidence"); }
        history.replaceState(history.state, "", url.toString());
      }
    }

    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    select.addEventListener("change", function () { apply(select.value, true); });
    var initial = new URL(window.location.href).searchParams.get("evidence") || "";
    if (initial) { apply(initial, false); }
  }

  /* ---- Study page: a way back to the exact place the reader came from. ---- */
  function initStudyBack() {
    var back = $(".study-back");
    if (!back || !doc.referrer || window.history.length < 2) { return; }
    var from;
    try { from = new URL(doc.referrer); } catch (e) { return; }
    if (from.origin !== window.location.origin || from.pathname === window.location.pathname) { return; }
    var link = el("a", { href: doc.referrer, "class": "study-back-link" }, ["← Back to where you were reading"]);
    link.addEventListener("click", function (event) {
      // history.back() restores the reader's scroll position; the href is the fallback.
      event.preventDefault();
      history.back();
    });
    back.parentNode.insertBefore(link, back);
    back.parentNode.insertBefore(doc.createTextNode(" · "), back);
  }

  /* ---- Print: the day the page was printed, beside where it came from. ---- */
  function initPrint() {
    var date = $(".print-date");
    if (!date) { return; }
    var reviewed = date.textContent;
    window.addEventListener("beforeprint", function () {
      var today = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
      date.textContent = "Printed " + today + (reviewed ? " · " + reviewed : "");
    });
  }

  function init() {
    initTheme();
    initToc();
    initFilter();
    initStudyBack();
    initPrint();
  }
  // search.js and previews.js, loaded on the pages that use them, build on these.
  window.k2site = { el: el, badge: badge, jsonData: jsonData, root: root };
  if (doc.readyState === "loading") { doc.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
