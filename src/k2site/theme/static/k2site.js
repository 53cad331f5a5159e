/* k2site reader script: progressive enhancement only; every page works without it. */
(function () {
  "use strict";
})();
