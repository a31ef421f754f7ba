/* Gives Django admin's autocomplete boxes (select2) the accessible names and list
   structure that select2 leaves out (axe: aria-input-field-name, label, list).
   Each box is named after the label of the <select> it stands for. */
"use strict";
(function () {
  function labelOf(select) {
    const label = select.id && document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : select.name;
  }

  function name(container) {
    const select = container.previousElementSibling;
    if (!select || select.tagName !== "SELECT") return;
    const label = labelOf(select);
    container
      .querySelectorAll(".select2-selection__rendered[role=textbox], .select2-search__field")
      .forEach(function (element) {
        if (element.getAttribute("aria-label") !== label) element.setAttribute("aria-label", label);
      });
    container.querySelectorAll("ul.select2-selection__rendered").forEach(function (list) {
      list.setAttribute("role", "none");
      list.querySelectorAll(":scope > li").forEach(function (item) {
        item.setAttribute("role", "none");
      });
    });
  }

  function nameAll() {
    document.querySelectorAll(".select2-container").forEach(name);
  }

  document.addEventListener("DOMContentLoaded", function () {
    nameAll();
    new MutationObserver(nameAll).observe(document.body, { childList: true, subtree: true });
  });
})();
