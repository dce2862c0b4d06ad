import { createContext, useContext } from "react";

// The CSP nonce of this response. Set on the server only: browsers hide nonce attributes from
// scripts, so on the client it is the empty string and React keeps the server's attribute.
const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
