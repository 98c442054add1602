package io.keyhold.admin;

class ConsoleClientsH2Test extends ConsoleClientsTests {}
