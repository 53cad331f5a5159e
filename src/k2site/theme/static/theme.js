/* Applies the reader's saved light/dark choice before the first paint (loaded without
   defer for that reason). "auto", or nothing saved, follows the system setting. */
(function () {
  "use strict";
  try {
    var theme = localStorage.getItem("k2site-theme");
    if (theme === "light" || theme === "dark") {
      document.documentElement.setAttribute("data-theme", theme);
    }
  } catch (e) { /* storage blocked: follow the system */ }
})();
