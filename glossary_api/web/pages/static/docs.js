// Starts Swagger UI (vendored in swagger-ui/) over this service's spec: a script file, because
// the content security policy allows no inline script. The online validator badge is off: it
// would load an image from outside the service.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({ url: element.dataset.spec, domNode: element, validatorUrl: null, deepLinking: true });
});
