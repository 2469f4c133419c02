/* Search over the index built with the site (search-index.js). The terms are cut exactly as
   dev.pagelab.site.search.Tokenizer cuts them: NFC, lower case, runs of [a-z0-9_] as words (and
   their _-separated parts), runs of Hangul syllables as character bigrams. */
(function () {
  "use strict";

  function kind(c) {
    if ((c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c === "_") return 1;
    if ((c >= "\uAC00" && c <= "\uD7A3") || (c >= "\u3131" && c <= "\u318E")) return 2;
    return 0;
  }

  function terms(text) {
    var s = String(text);
    if (s.normalize) s = s.normalize("NFC");
    s = s.toLowerCase();
    var out = [];
    var i = 0;
    while (i < s.length) {
      var k = kind(s.charAt(i));
      var j = i + 1;
      while (j < s.length && kind(s.charAt(j)) === k) j++;
      var run = s.substring(i, j);
      if (k === 1) {
        var word = run.replace(/^_+|_+$/g, "");
        if (word.length > 0) {
          out.push(word);
          if (word.indexOf("_") >= 0) {
            var parts = word.split("_");
            for (var p = 0; p < parts.length; p++) if (parts[p].length > 0) out.push(parts[p]);
          }
        }
      } else if (k === 2) {
        if (run.length === 1) out.push(run);
        for (var b = 0; b + 1 < run.length; b++) out.push(run.substring(b, b + 2));
      }
      i = j;
    }
    return out;
  }

  /* Sections holding the query's terms, best first. Every Latin term must occur; of the Hangul
     bigrams, one in four may be missing, so that a particle typed after a word (페이징을) does not
     hide the sections that have the word. More distinct terms first, then more occurrences. */
  function search(index, query) {
    var qs = terms(query);
    var seen = {};
    var distinct = [];
    for (var i = 0; i < qs.length; i++) {
      if (!seen.hasOwnProperty(qs[i])) { seen[qs[i]] = true; distinct.push(qs[i]); }
    }
    if (distinct.length === 0) return [];
    var hangul = 0;
    for (var h = 0; h < distinct.length; h++) if (kind(distinct[h].charAt(0)) === 2) hangul++;
    var need = distinct.length - Math.floor(hangul / 4);
    var matched = {};
    var counts = {};
    for (var q = 0; q < distinct.length; q++) {
      var postings = index.terms[distinct[q]] || [];
      for (var p = 0; p + 1 < postings.length; p += 2) {
        var doc = postings[p];
        matched[doc] = (matched[doc] || 0) + 1;
        counts[doc] = (counts[doc] || 0) + postings[p + 1];
      }
    }
    var hits = [];
    for (var d in matched) {
      if (matched.hasOwnProperty(d) && matched[d] >= need) {
        hits.push({ doc: Number(d), terms: matched[d], score: counts[d] });
      }
    }
    hits.sort(function (a, b) { return b.terms - a.terms || b.score - a.score || a.doc - b.doc; });
    return hits.map(function (x) { return index.docs[x.doc]; });
  }

  function show(box, index, query) {
    var list = box.querySelector(".search-results");
    var status = box.querySelector(".search-status");
    var ko = box.getAttribute("data-lang") === "ko";
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!query) return;
    var found = search(index, query);
    status.textContent = ko
      ? "\u201C" + query + "\u201D: " + found.length + "\uAC1C \uCC3E\uC74C"
      : "\u201C" + query + "\u201D: " + found.length + (found.length === 1 ? " section" : " sections");
    for (var i = 0; i < found.length && i < 50; i++) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = found[i].u;
      a.textContent = found[i].t;
      var x = document.createElement("span");
      x.className = "excerpt";
      x.textContent = found[i].x;
      li.appendChild(a);
      li.appendChild(x);
      list.appendChild(li);
    }
  }

  window.pagelabSearch = { terms: terms, search: search };

  var box = document.getElementById("search-box");
  if (!box || !window.pagelabSearchIndex) return;
  var input = document.getElementById("q");
  var match = /[?&]q=([^&]*)/.exec(window.location.search);
  var query = match ? decodeURIComponent(match[1].replace(/\+/g, " ")) : "";
  if (input) {
    input.value = query;
    input.addEventListener("input", function () { show(box, window.pagelabSearchIndex, input.value); });
  }
  show(box, window.pagelabSearchIndex, query);
})();
