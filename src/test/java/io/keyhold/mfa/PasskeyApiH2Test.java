package io.keyhold.mfa;

class PasskeyApiH2Test extends PasskeyApiTests {}
