package io.keyhold.cli;

class CreateSuperuserH2Test extends CreateSuperuserTests {}
