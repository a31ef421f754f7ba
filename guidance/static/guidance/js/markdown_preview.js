/* One-click preview of Markdown fields in the admin. The server renders the text with
   the same sanitising function as the public site, so the preview is what readers see. */
"use strict";
(function () {
  function csrfToken() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function addPreview(field) {
    if (field.dataset.previewReady) return;
    const textarea = field.querySelector("textarea");
    if (!textarea || textarea.name.includes("__prefix__")) return;
    field.dataset.previewReady = "1";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button markdown-preview-button";
    button.textContent = field.dataset.previewLabel || "Preview";
    button.setAttribute("aria-controls", textarea.id + "_preview");
    const output = document.createElement("div");
    output.id = textarea.id + "_preview";
    output.className = "markdown-preview";
    output.setAttribute("aria-live", "polite");
    output.hidden = true;
    button.addEventListener("click", function () {
      const body = new FormData();
      body.append("text", textarea.value);
      fetch(field.dataset.previewUrl, {
        method: "POST",
        body: body,
        headers: { "X-CSRFToken": csrfToken() },
        credentials: "same-origin",
      })
        .then(function (response) {
          if (!response.ok) throw new Error(response.statusText);
          return response.json();
        })
        .then(function (data) {
          if (data.html) {
            output.innerHTML = data.html;
          } else {
            const empty = document.createElement("em");
            empty.textContent = field.dataset.previewEmptyLabel || "Nothing to preview.";
            output.replaceChildren(document.createElement("p"));
            output.firstChild.appendChild(empty);
          }
          output.hidden = false;
        })
        .catch(function () {
          output.textContent =
            field.dataset.previewFailedLabel ||
            "The preview could not be loaded. Your text is unchanged.";
          output.hidden = false;
        });
    });
    field.appendChild(button);
    field.appendChild(output);
  }

  function addAll() {
    document.querySelectorAll(".markdown-field").forEach(addPreview);
  }

  document.addEventListener("DOMContentLoaded", addAll);
  document.addEventListener("formset:added", addAll);
})();
