// Posts the launch form to the external tool as soon as the page is read; without JavaScript
// the learner presses its button.
document.querySelectorAll("form[data-autosubmit]").forEach((form) => form.submit());
