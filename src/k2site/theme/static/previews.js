/* k2site study previews, loaded on article pages only: hover, focus or tap a citation
   to see the study (WCAG 1.4.13: dismissible, hoverable, persistent). The preview adds no
   Tab stop: Tab goes from a citation to the next link of the page, Escape or the close
   button shuts it, and the citation itself leads to the study's page, where every link
   of the preview is too. Builds on the helpers k2site.js exports. */
(function () {
  "use strict";

  function initPreviews() {
    var k2 = window.k2site;
    if (!k2) { return; }
    var doc = document, el = k2.el, badge = k2.badge;
    var studies = k2.jsonData("k2-studies");
    if (!studies || !doc.querySelector("a.cite")) { return; }
    var pop = null;          // the open preview
    var owner = null;        // the citation link it belongs to
    var openTimer = 0;
    var closeTimer = 0;
    var lastPointer = "mouse";
    var tapWasOpen = false;
    var quietFocus = false;  // focus returned by Escape must not reopen the preview

    // Out of the Tab order: the preview's links are for pointers; keyboards have the
    // citation's own link to the study page.
    function link(href, text) { return el("a", { href: href, rel: "noopener", tabindex: "-1" }, [text]); }

    function meta(study) {
      var node = el("span", { "class": "preview-meta" }, []);
      [study.authors, study.journal, study.year].forEach(function (part, i) {
        if (!part) { return; }
        var text = String(part).replace(/\.$/, "");   // "et al." must not end in ".."
        node.appendChild(i === 1 ? el("i", {}, [text]) : doc.createTextNode(text));
        node.appendChild(doc.createTextNode(". "));
      });
      return node.childNodes.length ? node : null;
    }

    function links(cite, study) {
      var list = [];
      if (study.doi) { list.push(link("https://doi.org/" + study.doi, "DOI")); }
      if (study.pmid) { list.push(link("https://pubmed.ncbi.nlm.nih.gov/" + study.pmid + "/", "PubMed")); }
      if (study.url && !study.doi) { list.push(link(study.url, "Source page")); }
      list.push(link(cite.getAttribute("href"), "Study page"));
      return el("span", { "class": "preview-links" }, list);
    }

    function mark(study) {
      // confirmed, likely or not identified: one mark, in words and a shape
      return el("span", { "class": "preview-verification preview-" + study.verification }, [
        el("span", { "aria-hidden": "true" }, [study.vsymbol + " "]), study.verified
      ]);
    }

    function body(cite, study) {
      if (study.verification === "unresolved") {
        // said once, and no placeholder passed off as a title
        return [el("span", { "class": "preview-missing" }, [
          "The article cites a source here that could not be identified, so it supports nothing a reader can check."
        ]), links(cite, study)];
      }
      return [
        el("span", { "class": "preview-title" }, [study.title || study.design]),
        study.finding ? el("span", { "class": "preview-finding" }, [el("strong", {}, ["What it found: "]), study.finding]) : null,
        meta(study),
        el("span", { "class": "preview-design" }, [study.design]),
        study.participants ? el("span", { "class": "preview-participants" }, [study.participants.toLocaleString("en") + " participants"]) : null,
        study.notice ? el("span", { "class": "preview-notice" }, [study.notice]) : null,
        citedAs(cite),
        links(cite, study)
      ];
    }

    // How this citation is used, and what stands behind the claim it is in (see claim_notes).
    function citedAs(cite) {
      var role = cite.getAttribute("data-role");
      var claim = cite.closest(".claim");
      var summary = claim && claim.querySelector(".claim-evidence-summary");
      var words = role === "contradicts" ? "Cited here as going against the claim."
        : role === "background" ? "Cited here for background, not as evidence." : "";
      if (summary) { words += (words ? " " : "") + "Claim: " + summary.textContent.replace(/^Behind it: /, ""); }
      return words ? el("span", { "class": "preview-role" }, [words]) : null;
    }

    function build(cite, study) {
      var number = cite.textContent.trim();
      var close = el("button", { type: "button", "class": "preview-close", "aria-label": "Close the preview", tabindex: "-1" }, ["×"]);
      close.addEventListener("click", function (event) {
        event.preventDefault();
        dismiss();
      });
      var head = el("span", { "class": "preview-head" }, [
        study.verification === "unresolved" ? null : badge(study.group, study.symbol, study.short),
        mark(study),
        close
      ]);
      // Spans shown as blocks: the preview sits inside the citation's <sup>, in a paragraph.
      return el("span", {
        "class": "preview", id: "preview-" + cite.getAttribute("data-key"),
        role: "group", "aria-label": "Preview of reference " + number
      }, [head].concat(body(cite, study)));
    }

    function place(cite) {
      var parent = pop.offsetParent || doc.body;
      var base = parent.getBoundingClientRect();
      var anchor = cite.getBoundingClientRect();
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

    function open(cite) {
      clearTimeout(openTimer);
      clearTimeout(closeTimer);
      if (owner === cite) { return; }
      close();
      var study = studies[cite.getAttribute("data-key")];
      if (!study) { return; }
      pop = build(cite, study);
      cite.insertAdjacentElement("afterend", pop);
      owner = cite;
      cite.setAttribute("aria-describedby", pop.id);
      place(cite);
    }

    function close() {
      clearTimeout(openTimer);
      clearTimeout(closeTimer);
      if (pop) { pop.remove(); }
      if (owner) { owner.removeAttribute("aria-describedby"); }
      pop = null;
      owner = null;
    }

    // Escape or the close button: focus inside the preview goes back to its citation.
    function dismiss() {
      var cite = owner;
      var hadFocus = pop && pop.contains(doc.activeElement);
      close();
      if (hadFocus && cite) { quietFocus = true; cite.focus(); }
    }

    function later(fn, ms) { return setTimeout(fn, ms); }
    function inside(node) { return node && ((pop && pop.contains(node)) || node === owner); }
    function citeOf(node) { return node.closest && node.closest("a.cite"); }

    doc.addEventListener("pointerover", function (event) {
      lastPointer = event.pointerType || "mouse";
      if (lastPointer === "touch") { return; }
      var cite = citeOf(event.target);
      if (cite) {
        clearTimeout(closeTimer);
        if (owner !== cite) {
          clearTimeout(openTimer);
          openTimer = later(function () { open(cite); }, 120);
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
      var cite = citeOf(event.target);
      if (cite) {
        if (quietFocus) { quietFocus = false; return; }
        open(cite);
      } else if (pop && !inside(event.target)) {
        close();
      }
    });
    doc.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && pop) { dismiss(); }
    });
    doc.addEventListener("pointerdown", function (event) {
      lastPointer = event.pointerType || "mouse";
      var cite = citeOf(event.target);
      tapWasOpen = !!cite && owner === cite;
      if (pop && !inside(event.target) && !cite) { close(); }   // a tap elsewhere closes
    });
    doc.addEventListener("click", function (event) {
      var cite = citeOf(event.target);
      if (!cite || lastPointer !== "touch") { return; }
      // On touch, the first tap shows the preview; a second tap follows the link.
      if (!tapWasOpen) {
        event.preventDefault();
        open(cite);
      }
    });
    window.addEventListener("resize", function () { if (pop && owner) { place(owner); } });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", initPreviews); } else { initPreviews(); }
})();
