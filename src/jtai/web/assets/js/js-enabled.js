// GOV.UK Frontend's page-template snippet, as a file so that no inline script is needed (strict
// CSP). Load it synchronously as the first element of <body>: it marks the page as having
// JavaScript, and as supporting GOV.UK Frontend when the browser supports ES modules.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
