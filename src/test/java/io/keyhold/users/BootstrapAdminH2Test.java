package io.keyhold.users;

class BootstrapAdminH2Test extends BootstrapAdminTests {}
