package org.xapicenter.sim.rpc;

import java.util.List;

import org.xapicenter.xapi.XapiException;

/**
 * What answers XAPI calls arriving at one address: the {@link Dispatcher} itself, or a pool host in
 * front of it that answers some calls its own way (a member refuses logins with HOST_IS_SLAVE).
 */
@FunctionalInterface
public interface RpcEndpoint {
    Object call(String method, List<Object> params) throws XapiException;
}
