package io.keyhold.network;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Gives controllers the {@link ClientInfo} of the request, as {@link ClientAddresses} works it out. */
public final class ClientInfoResolver implements HandlerMethodArgumentResolver {

    private final ClientAddresses addresses;

    public ClientInfoResolver(ClientAddresses addresses) {
        this.addresses = addresses;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ClientInfo.class;
    }

    @Override
    public ClientInfo resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        return addresses.of(webRequest.getNativeRequest(HttpServletRequest.class));
    }
}
