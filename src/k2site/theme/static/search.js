/* k2site search page: Pagefind, loaded from this host only when the reader searches.
   Results list each matching section and, under it, the claims the words were found in,
   with their evidence badges. Builds on the helpers k2site.js exports. */
(function () {
  "use strict";

  /* ---- Search with Pagefind: loaded only on the search page, from this host. ---- */
  function initSearch() {
    var k2 = window.k2site;
    if (!k2) { return; }
    var el = k2.el, badge = k2.badge, jsonData = k2.jsonData, root = k2.root;
    var doc = document;
    function $(selector) { return doc.querySelector(selector); }
    var input = $("#search-q");
    var list = $("#search-results");
    var status = $("#search-status");
    if (!input || !list || !status) { return; }
    var groups = {};
    (jsonData("k2-groups") || []).forEach(function (g) { groups[g.id] = g; });
    var synonyms = jsonData("k2-synonyms") || [];
    // a large site's index comes in parts, each indexed on its own: the first is
    // pagefind/, the others are merged into it (Pagefind's mergeIndex)
    var parts = jsonData("k2-search-parts") || [];
    var pagefind = null;
    var claims = null;
    var serial = 0;
    var timer = 0;
    var site = new URL(root || "./", window.location.href);

    function load() {
      if (pagefind) { return pagefind; }
      pagefind = Promise.all([
        import(new URL("pagefind/pagefind.js", site).href).then(function (pf) {
          return pf.options({ excerptLength: 24 }).then(function () {
            // a part that is not there (a site whose own templates mark fewer pages
            // than it has parts) is left out, not merged broken: search still works
            return Promise.all(parts.map(function (part) {
              var url = new URL(part, site).href;
              return fetch(url + "pagefind-entry.json").then(function (r) {
                return r.ok ? pf.mergeIndex(url) : null;
              }, function () { return null; });
            }));
          }).then(function () { return pf; });
        }),
        fetch(new URL("claims.json", site).href).then(function (r) { return r.ok ? r.json() : []; })
          .catch(function () { return []; })
      ]).then(function (both) {
        claims = {};
        both[1].forEach(function (c) { claims[c.id] = c; });
        return both[0];
      });
      return pagefind;
    }

    function localUrl(url) {
      // Pagefind's URLs are site-absolute; make them relative to this page's site root.
      return new URL(url.replace(/^\//, ""), site).href;
    }

    function quote(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

    function variants(query) {
      // The query as typed, and with each word of a synonym group swapped for the others.
      var all = [query];
      synonyms.forEach(function (group) {
        group.forEach(function (word) {
          var pattern = new RegExp("(^|[^\\w-])" + quote(word) + "(?![\\w-])", "i");
          all.slice().forEach(function (q) {
            if (!pattern.test(q)) { return; }
            group.forEach(function (other) {
              var swapped = q.replace(pattern, function (m, before) { return before + other; });
              if (all.indexOf(swapped) < 0) { all.push(swapped); }
            });
          });
        });
      });
      return all.slice(0, 8);
    }

    function find(pf, queries) {
      // Each query's results, best score first, each page once.
      return Promise.all(queries.map(function (q) { return pf.search(q); })).then(function (searches) {
        var best = {};
        searches.forEach(function (found) {
          ((found && found.results) || []).forEach(function (r) {
            if (!best[r.id] || r.score > best[r.id].score) { best[r.id] = r; }
          });
        });
        return Object.keys(best).map(function (id) { return best[id]; })
          .sort(function (a, b) { return b.score - a.score; });
      });
    }

    var SHOWN = 30;

    function pick(found) {
      // The SHOWN best results, loaded a batch at a time until as many of them are real
      // content (or 150 were looked at); sources not identified only fill what is left.
      var real = [], unidentified = [], at = 0;
      function more() {
        var batch = found.slice(at, at + SHOWN);
        at += SHOWN;
        return Promise.all(batch.map(function (r) { return r.data(); })).then(function (loaded) {
          loaded.forEach(function (d) { (tier(d) === 2 ? unidentified : real).push(d); });
          if (real.length < SHOWN && at < found.length && at < 5 * SHOWN) { return more(); }
          real = real.slice(0, SHOWN);
          return real.concat(unidentified.slice(0, Math.max(3, SHOWN - real.length)));
        });
      }
      return more();
    }

    function tier(result) {
      // the article's sections (with their claims) first, then the studies, and the
      // sources not identified last, whatever their score
      var meta = result.meta || {};
      if (meta.kind !== "study") { return 0; }
      return meta.source === "unidentified" ? 2 : 1;
    }

    function highlight(text, terms) {
      var node = el("span", {}, []);
      if (!terms.length) { node.textContent = text; return node; }
      var pattern = new RegExp("(" + terms.map(quote).join("|") + ")", "ig");
      text.split(pattern).forEach(function (part, i) {
        node.appendChild(i % 2 ? el("mark", {}, [part]) : doc.createTextNode(part));
      });
      return node;
    }

    var END = /[.!?]["'”’)\]]*$/;
    var LONGEST = 40;

    function excerpt(data, terms) {
      // The sentence the first match is in (past the title, which the result shows),
      // cut to LONGEST words around the match: a sentence, not a window of words.
      var words = (data.content || "").split(/\s+/);
      var title = ((data.meta && data.meta.title) || "").split(/\s+/).length;
      var hits = data.locations || [];
      var at = hits.filter(function (i) { return i >= title; })[0];
      if (at === undefined) { at = hits.length ? hits[0] : 0; }
      var start = at, end = at;
      while (start > 0 && !END.test(words[start - 1])) { start -= 1; }
      while (end < words.length - 1 && !END.test(words[end])) { end += 1; }
      // "2007;8(1):14-32." alone says little: take the sentence before it too
      while (end - start < 8 && start > 0) {
        start -= 1;
        while (start > 0 && !END.test(words[start - 1])) { start -= 1; }
      }
      var before = "", after = "";
      if (end - start + 1 > LONGEST) {
        var from = Math.max(start, at - 12);
        var to = Math.min(end, from + LONGEST - 1);
        before = from > start ? "… " : "";
        after = to < end ? " …" : "";
        start = from;
        end = to;
      }
      var node = el("p", { "class": "search-excerpt" }, []);
      node.appendChild(highlight(before + words.slice(start, end + 1).join(" ") + after, terms));
      return node;
    }

    function claimHits(data, terms) {
      // Pagefind lists every element with an id as an anchor, with the position of its
      // first word. A claim is hit when a matched word falls between its start and the
      // next anchor, and its own text bears a search term (the index also counts words
      // the claim's text in claims.json leaves out, such as its badge).
      var anchors = data.anchors || [];
      var stems = terms.map(function (t) { return t.toLowerCase().slice(0, Math.max(3, t.length - 2)); });
      var hits = [];
      anchors.forEach(function (a, i) {
        var claim = claims[a.id];
        if (!claim || hits.indexOf(claim) >= 0) { return; }
        var end = i + 1 < anchors.length ? anchors[i + 1].location : Infinity;
        var inside = (data.locations || []).some(function (loc) { return loc >= a.location && loc < end; });
        var text = claim.text.toLowerCase();
        if (inside && stems.some(function (s) { return text.indexOf(s) >= 0; })) { hits.push(claim); }
      });
      return hits;
    }

    function render(results, terms) {
      list.textContent = "";
      results.forEach(function (data) {
        var href = localUrl(data.url);
        var item = el("li", { "class": "search-result" }, [
          el("h2", {}, [el("a", { href: href }, [data.meta && data.meta.title ? data.meta.title : data.url])])
        ]);
        if (data.meta && data.meta.kind === "study") {
          // a study: its own page, with its evidence group
          var sg = groups[data.meta.group] || { id: data.meta.group || "unknown", symbol: "", short: "Study" };
          item.className += " search-study";
          item.appendChild(el("p", { "class": "search-kind" }, ["Study · ", badge(sg.id, sg.symbol, sg.short)]));
          item.appendChild(excerpt(data, terms));
          list.appendChild(item);
          return;
        }
        var hits = claimHits(data, terms);
        if (hits.length) {
          item.appendChild(el("ul", { "class": "search-claims", "aria-label": "Matching claims" }, hits.map(function (c) {
            var g = groups[c.evidence] || { id: c.evidence, symbol: "", short: c.evidence };
            return el("li", {}, [
              el("a", { href: href + "#" + c.id }, [highlight(c.text.length > 240 ? c.text.slice(0, 237) + "…" : c.text, terms)]),
              " ", badge(g.id, g.symbol, g.short)
            ]);
          })));
        } else {
          item.appendChild(excerpt(data, terms));
        }
        list.appendChild(item);
      });
    }

    function run(query, updateUrl) {
      var mine = ++serial;
      query = query.trim();
      if (updateUrl) {
        var url = new URL(window.location.href);
        if (query) { url.searchParams.set("q", query); } else { url.searchParams.delete("q"); }
        history.replaceState(history.state, "", url.toString());
      }
      if (!query) { list.textContent = ""; status.textContent = "Type a word to search the claims, sections and studies."; return; }
      status.textContent = "Searching…";
      var queries = variants(query);
      var terms = [];
      queries.forEach(function (q) {
        q.split(/\s+/).forEach(function (t) { if (t.length > 1 && terms.indexOf(t) < 0) { terms.push(t); } });
      });
      load().then(function (pf) { return find(pf, queries); }).then(pick).then(function (results) {
        if (mine !== serial) { return; }   // a newer query has started
        results = results.map(function (r, i) { return [tier(r), i, r]; })
          .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
          .map(function (t) { return t[2]; });
        var studies = results.filter(function (r) { return tier(r) > 0; });
        var sections = results.filter(function (r) { return tier(r) === 0; });
        render(sections.concat(studies), terms);
        var count = sections.reduce(function (n, r) { return n + claimHits(r, terms).length; }, 0);
        var found = [];
        if (sections.length) { found.push(sections.length + (sections.length === 1 ? " section" : " sections")); }
        if (studies.length) { found.push(studies.length + (studies.length === 1 ? " study" : " studies")); }
        status.textContent = results.length
          ? found.join(" and ") + " found for “" + query + "”" + (count ? ", with " + count + (count === 1 ? " matching claim." : " matching claims.") : ".")
          : "Nothing found for “" + query + "”.";
      }).catch(function () {
        if (mine !== serial) { return; }
        pagefind = null;  // try again on the next search
        status.textContent = window.location.protocol === "file:"
          ? "Search needs the site served over HTTP: this browser does not load the search index from a page opened as a file. Run “k2site serve” (or “python3 -m http.server -d build”) and open this page at the address it prints."
          : "Search is not available here: the search index could not be loaded. It is made by “k2site build” (not with --no-search) and by “k2site serve”.";
      });
    }

    status.textContent = "Type a word to search the claims, sections and studies.";
    $(".search-form").addEventListener("submit", function (event) { event.preventDefault(); run(input.value, true); });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value, true); }, 250);
    });
    var initial = new URL(window.location.href).searchParams.get("q") || "";
    if (initial) { input.value = initial; run(initial, false); }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", initSearch); } else { initSearch(); }
})();
