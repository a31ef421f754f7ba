// Progressive enhancement: on a narrow screen the main menu folds behind a "Menu" button.
// Without this script (or on a wide screen) the menu is simply shown.
(() => {
  const button = document.querySelector(".menu-toggle");
  const menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) return;
  const narrow = window.matchMedia("(max-width: 48rem)");
  const show = (open) => {
    button.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("folded", !open);
  };
  const follow = () => {
    button.hidden = !narrow.matches;
    show(!narrow.matches);
  };
  button.addEventListener("click", () => show(button.getAttribute("aria-expanded") !== "true"));
  narrow.addEventListener("change", follow);
  follow();
})();
