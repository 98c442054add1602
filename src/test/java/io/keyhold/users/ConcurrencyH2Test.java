package io.keyhold.users;

class ConcurrencyH2Test extends ConcurrencyTests {}
