package io.keyhold.sessions;

class ReplacePolicyH2Test extends ReplacePolicyTests {}
