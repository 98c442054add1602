package io.keyhold.auth;

class LockoutH2Test extends LockoutTests {}
