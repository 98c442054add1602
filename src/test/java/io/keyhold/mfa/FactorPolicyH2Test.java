package io.keyhold.mfa;

class FactorPolicyH2Test extends FactorPolicyTests {}
