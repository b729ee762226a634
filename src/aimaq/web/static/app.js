// aimaq dashboard: a little progressive enhancement; every page works without it.
(function () {
  "use strict";

  // Selects marked .autosubmit submit their form on change (the map's indicator); hide the button then.
  document.querySelectorAll("select.autosubmit").forEach(function (select) {
    var form = select.form;
    if (!form) { return; }
    form.querySelectorAll(".nojs").forEach(function (button) { button.hidden = true; });
    select.addEventListener("change", function () { form.submit(); });
  });

  // Bring the highlighted evidence sentence into view on fact and document pages.
  var mark = document.querySelector(".sentence.evidence");
  if (mark && mark.scrollIntoView) {
    mark.scrollIntoView({ block: "center" });
  }

  // Hovering a sentence lights up the sentences aligned with it on the other side.
  document.querySelectorAll("table.parallel tbody tr").forEach(function (row) {
    row.addEventListener("mouseenter", function () { row.classList.add("hover"); });
    row.addEventListener("mouseleave", function () { row.classList.remove("hover"); });
  });
})();
