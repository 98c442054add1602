package io.keyhold.problems;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The documented 403 of an operation only superusers may call (API clients, webhooks): the
 * {@link PermissionDenied} their services throw for anyone else.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ApiResponse(
        responseCode = "403",
        description = "The caller is not a superuser.",
        content = @Content(examples = @ExampleObject(name = PermissionDenied.DEFAULT_MESSAGE)))
public @interface SuperusersOnly {}
