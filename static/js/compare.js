// Progressive enhancement: a button that copies the comparison's link. The page works without it.
document.addEventListener("DOMContentLoaded", () => {
  const link = document.querySelector("a.permalink");
  if (!link || !navigator.clipboard) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "copy-link";
  button.textContent = link.dataset.copyLabel || "Copy link";
  const status = document.createElement("span");
  status.setAttribute("role", "status");
  button.addEventListener("click", () => {
    navigator.clipboard.writeText(link.href).then(() => {
      status.textContent = link.dataset.copiedLabel || "Link copied";
    });
  });
  link.after(" ", button, " ", status);
});
