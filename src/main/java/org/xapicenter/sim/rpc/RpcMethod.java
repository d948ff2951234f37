package org.xapicenter.sim.rpc;

import java.util.List;

import org.xapicenter.xapi.XapiException;

/** An explicit (non-implicit) XAPI message. {@code args} exclude the session ref. */
@FunctionalInterface
public interface RpcMethod {
    Object call(CallContext ctx, List<Object> args) throws XapiException;
}
