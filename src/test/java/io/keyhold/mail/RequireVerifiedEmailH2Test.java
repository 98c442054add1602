package io.keyhold.mail;

class RequireVerifiedEmailH2Test extends RequireVerifiedEmailTests {}
