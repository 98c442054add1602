package io.keyhold.sessions;

class MultiplePolicyH2Test extends MultiplePolicyTests {}
