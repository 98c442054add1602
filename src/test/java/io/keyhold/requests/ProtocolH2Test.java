package io.keyhold.requests;

class ProtocolH2Test extends ProtocolTests {}
