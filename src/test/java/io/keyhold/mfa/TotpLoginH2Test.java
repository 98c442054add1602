package io.keyhold.mfa;

class TotpLoginH2Test extends TotpLoginTests {}
