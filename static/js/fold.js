// Progressive enhancement: on a narrow screen, what a .fold-toggle button controls (the main
// menu, the browse filters) folds behind that button. Without this script, or on a wide
// screen, it is simply shown.
(() => {
  const narrow = window.matchMedia("(max-width: 48rem)");
  document.querySelectorAll(".fold-toggle").forEach((button) => {
    const target = document.getElementById(button.getAttribute("aria-controls"));
    if (!target) return;
    const show = (open) => {
      button.setAttribute("aria-expanded", String(open));
      target.classList.toggle("folded", !open);
    };
    const follow = () => {
      button.hidden = !narrow.matches;
      show(!narrow.matches);
    };
    button.addEventListener("click", () => show(button.getAttribute("aria-expanded") !== "true"));
    narrow.addEventListener("change", follow);
    follow();
  });
})();
