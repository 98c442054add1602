package io.keyhold.clients;

class ClientsH2Test extends ClientsTests {}
