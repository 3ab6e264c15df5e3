package dev.kinflow.common.web;

import dev.kinflow.accounts.Account;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets {@code /api/**} handlers declare an {@link Account} parameter: the account of the caller's API key. */
public class CurrentAccountResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(Account.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Object account = webRequest.getAttribute(TokenAuthFilter.ACCOUNT_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (account == null) {
            throw new IllegalStateException("Account parameters are only available on /api/** endpoints");
        }
        return account;
    }
}
