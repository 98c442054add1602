package io.keyhold.web;

class ProtocolH2Test extends ProtocolTests {}
