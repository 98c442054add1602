package io.keyhold.auth;

class LoginApiH2Test extends LoginApiTests {}
