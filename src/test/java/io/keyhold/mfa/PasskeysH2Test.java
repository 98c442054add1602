package io.keyhold.mfa;

class PasskeysH2Test extends PasskeysTests {}
