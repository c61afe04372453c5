/* vnextract HTML view: rows of the officials table and the marks of the same record light up together;
   a click pins the highlight and scrolls to the first mention.  No network, no globals.  Each view is set
   up once (data-vnx-ready), so several views on one notebook page work side by side. */
(function (roots) {
  Array.prototype.forEach.call(roots, function (root) {
    if (root.dataset.vnxReady) { return; }
    root.dataset.vnxReady = "1";
    function keysOf(el) { return (el.getAttribute("data-hl") || el.getAttribute("data-k") || "").split(" "); }
    function related(el) {
      var keys = keysOf(el).filter(Boolean), found = [];
      keys.forEach(function (k) {
        root.querySelectorAll('mark[data-k="' + k + '"], tr[data-hl~="' + k + '"]').forEach(function (x) {
          found.push(x);
        });
      });
      return found;
    }
    function owner(target) { return target.closest ? target.closest("tr[data-hl], mark[data-k]") : null; }
    function light(el, cls, on) { related(el).forEach(function (x) { x.classList.toggle(cls, on); }); }
    root.addEventListener("mouseover", function (e) { var el = owner(e.target); if (el) { light(el, "vnx-on", true); } });
    root.addEventListener("mouseout", function (e) { var el = owner(e.target); if (el) { light(el, "vnx-on", false); } });
    root.addEventListener("click", function (e) {
      var el = owner(e.target);
      root.querySelectorAll(".vnx-pinned").forEach(function (x) { x.classList.remove("vnx-pinned"); });
      if (!el || el.tagName !== "TR") { return; }
      light(el, "vnx-pinned", true);
      var first = root.querySelector(".vnx-text mark.vnx-pinned");
      if (first && first.scrollIntoView) { first.scrollIntoView({ block: "center", behavior: "smooth" }); }
    });
  });
})(document.currentScript && document.currentScript.closest(".vnx")
  ? [document.currentScript.closest(".vnx")]
  : document.querySelectorAll(".vnx"));  // a notebook that runs the script outside the page: every view
