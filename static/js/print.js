// Progressive enhancement: open every collapsed source list before printing, so paper has them.
window.addEventListener("beforeprint", () => {
  document.querySelectorAll("details").forEach((details) => {
    details.open = true;
  });
});
