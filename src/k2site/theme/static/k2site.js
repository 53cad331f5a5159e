/* k2site reader script. Progressive enhancement only: without it every citation is a plain
   link to its study, the contents list opens on a click, and only the controls that need
   it (theme, evidence filter, search results) are missing. No framework, no other host. */
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

  /* ---- Study previews (WCAG 1.4.13: dismissible, hoverable, persistent). ---- */
  function initPreviews() {
    var studies = jsonData("k2-studies");
    if (!studies || !$("a.cite")) { return; }
    var pop = null;          // the open preview
    var owner = null;        // the citation link it belongs to
    var openTimer = 0;
    var closeTimer = 0;
    var lastPointer = "mouse";
    var tapWasOpen = false;
    var quietFocus = false;  // focus returned by Escape must not reopen the preview

    function build(link, study) {
      var number = link.textContent.trim();
      var title = study.title || "Untitled source";
      var meta = el("span", { "class": "preview-meta" }, []);
      [study.authors, study.journal, study.year].forEach(function (part, i) {
        if (!part) { return; }
        var text = String(part).replace(/\.$/, "");   // "et al." must not end in ".."
        meta.appendChild(i === 1 ? el("i", {}, [text]) : doc.createTextNode(text));
        meta.appendChild(doc.createTextNode(". "));
      });
      var links = [];
      if (study.doi) { links.push(el("a", { href: "https://doi.org/" + study.doi, rel: "noopener" }, ["DOI"])); }
      if (study.pmid) { links.push(el("a", { href: "https://pubmed.ncbi.nlm.nih.gov/" + study.pmid + "/", rel: "noopener" }, ["PubMed"])); }
      if (study.url && !study.doi) { links.push(el("a", { href: study.url, rel: "noopener" }, ["Source page"])); }
      links.push(el("a", { href: link.getAttribute("href") }, ["Study page"]));
      return el("span", {
        "class": "preview", id: "preview-" + link.getAttribute("data-key"),
        role: "group", "aria-label": "Preview of reference " + number
      }, [
        // Spans shown as blocks: the preview sits inside the citation's <sup>, in a paragraph.
        el("span", { "class": "preview-badge" }, [badge(study.group, study.symbol, study.short)]),
        el("span", { "class": "preview-title" }, [title]),
        meta.childNodes.length ? meta : null,
        el("span", { "class": "preview-design" }, [study.design]),
        study.participants ? el("span", { "class": "preview-participants" }, [study.participants.toLocaleString("en") + " participants"]) : null,
        study.verification ? el("span", { "class": "preview-verification" }, ["Not confirmed: " + study.verification]) : null,
        study.notice ? el("span", { "class": "preview-notice" }, [study.notice]) : null,
        citedAs(link),
        el("span", { "class": "preview-links" }, links)
      ]);
    }

    // How this citation is used, and what stands behind the claim it is in (see claim_notes).
    function citedAs(link) {
      var role = link.getAttribute("data-role");
      var claim = link.closest(".claim");
      var summary = claim && $(".claim-evidence-summary", claim);
      var words = role === "contradicts" ? "Cited here as going against the claim."
        : role === "background" ? "Cited here for background, not as evidence." : "";
      if (summary) { words += (words ? " " : "") + "Claim: " + summary.textContent.replace(/^Behind it: /, ""); }
      return words ? el("span", { "class": "preview-role" }, [words]) : null;
    }

    function place(link) {
      var parent = pop.offsetParent || doc.body;
      var base = parent.getBoundingClientRect();
      var anchor = link.getBoundingClientRect();
      var width = doc.documentElement.clientWidth;
      var height = window.innerHeight;
      var box = pop.getBoundingClientRect();
      var left = Math.max(8, Math.min(anchor.left - 16, width - box.width - 8));
      var top = anchor.bottom + 6;
      if (top + box.height > height && anchor.top - box.height - 6 > 0) {
        top = anchor.top - box.height - 6;   // no room below: open above the citation
      }
      pop.style.left = (left - base.left - parent.clientLeft) + "px";
      pop.style.top = (top - base.top - parent.clientTop) + "px";
    }

    function open(link) {
      clearTimeout(openTimer);
      clearTimeout(closeTimer);
      if (owner === link) { return; }
      close();
      var study = studies[link.getAttribute("data-key")];
      if (!study) { return; }
      pop = build(link, study);
      // Right after the link in the document, so Tab moves from the citation into it.
      link.insertAdjacentElement("afterend", pop);
      owner = link;
      link.setAttribute("aria-describedby", pop.id);
      place(link);
    }

    function close() {
      clearTimeout(openTimer);
      clearTimeout(closeTimer);
      if (pop) { pop.remove(); }
      if (owner) { owner.removeAttribute("aria-describedby"); }
      pop = null;
      owner = null;
    }

    function later(fn, ms) { return setTimeout(fn, ms); }
    function inside(node) { return node && ((pop && pop.contains(node)) || node === owner); }

    doc.addEventListener("pointerover", function (event) {
      lastPointer = event.pointerType || "mouse";
      if (lastPointer === "touch") { return; }
      var link = event.target.closest && event.target.closest("a.cite");
      if (link) {
        clearTimeout(closeTimer);
        if (owner !== link) {
          clearTimeout(openTimer);
          openTimer = later(function () { open(link); }, 120);
        }
      } else if (inside(event.target)) {
        clearTimeout(closeTimer);    // the pointer moved onto the preview: keep it
      }
    });
    doc.addEventListener("pointerout", function (event) {
      if (event.pointerType === "touch") { return; }
      var from = event.target.closest && event.target.closest("a.cite, .preview");
      if (!from || inside(event.relatedTarget)) { return; }
      clearTimeout(openTimer);
      if (pop && !pop.contains(doc.activeElement) && doc.activeElement !== owner) {
        closeTimer = later(close, 300);
      }
    });
    doc.addEventListener("focusin", function (event) {
      var link = event.target.closest && event.target.closest("a.cite");
      if (link) {
        if (quietFocus) { quietFocus = false; return; }
        open(link);
      } else if (pop && !inside(event.target)) {
        close();
      }
    });
    doc.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !pop) { return; }
      var link = owner;
      var hadFocus = pop.contains(doc.activeElement);
      close();
      if (hadFocus && link) { quietFocus = true; link.focus(); }
    });
    doc.addEventListener("pointerdown", function (event) {
      lastPointer = event.pointerType || "mouse";
      var link = event.target.closest && event.target.closest("a.cite");
      tapWasOpen = !!link && owner === link;
      if (pop && !inside(event.target) && !link) { close(); }   // a tap elsewhere closes
    });
    doc.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a.cite");
      if (!link || lastPointer !== "touch") { return; }
      // On touch, the first tap shows the preview; a second tap follows the link.
      if (!tapWasOpen) {
        event.preventDefault();
        open(link);
      }
    });
    window.addEventListener("resize", function () { if (pop && owner) { place(owner); } });
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

  function init() {
    initTheme();
    initToc();
    initPreviews();
    initFilter();
    initStudyBack();
  }
  // search.js, loaded on the search page only, builds on these.
  window.k2site = { el: el, badge: badge, jsonData: jsonData, root: root };
  if (doc.readyState === "loading") { doc.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
