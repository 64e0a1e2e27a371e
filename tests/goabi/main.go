// Command goabi is go-ethereum's accounts/abi as a second test oracle for abigen's codec
// (tests/properties/test_codec_goethereum.py).
//
// It reads one JSON request on stdin and writes one JSON response on stdout:
//
//	{"vectors": [{"args": [<ABI argument>...], "values": [...], "data": "0x..."}],
//	 "topics":  [{"arg": <ABI argument>, "value": ...}]}
//	->
//	{"vectors": [{"packed": "0x...", "unpacked": [...]} or with "pack_error"/"unpack_error"],
//	 "topics":  [{"topic": "0x..."} or {"error": "..."}]}
//
// For each vector it packs "values" with Arguments.Pack and unpacks "data" (the encoding
// abigen produced) with Arguments.Unpack; for each topic it calls MakeTopics. Values are
// exact on both sides: integers as decimal strings, bytes and fixed bytes as 0x-hex,
// addresses as hex (EIP-55 on output), arrays and tuples as JSON arrays.
package main

import (
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"reflect"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
)

type vector struct {
	Args   []abi.ArgumentMarshaling `json:"args"`
	Values []any                    `json:"values"`
	Data   string                   `json:"data"`
}

type vectorResult struct {
	Packed      string `json:"packed,omitempty"`
	PackError   string `json:"pack_error,omitempty"`
	Unpacked    []any  `json:"unpacked,omitempty"`
	UnpackError string `json:"unpack_error,omitempty"`
}

type topic struct {
	Arg   abi.ArgumentMarshaling `json:"arg"`
	Value any                    `json:"value"`
}

type topicResult struct {
	Topic string `json:"topic,omitempty"`
	Error string `json:"error,omitempty"`
}

func main() {
	var request struct {
		Vectors []vector `json:"vectors"`
		Topics  []topic  `json:"topics"`
	}
	if err := json.NewDecoder(os.Stdin).Decode(&request); err != nil {
		fmt.Fprintln(os.Stderr, "goabi: bad request:", err)
		os.Exit(2)
	}
	response := struct {
		Vectors []vectorResult `json:"vectors"`
		Topics  []topicResult  `json:"topics"`
	}{Vectors: []vectorResult{}, Topics: []topicResult{}}
	for _, v := range request.Vectors {
		response.Vectors = append(response.Vectors, runVector(v))
	}
	for _, t := range request.Topics {
		response.Topics = append(response.Topics, runTopic(t))
	}
	out := json.NewEncoder(os.Stdout)
	out.SetEscapeHTML(false)
	if err := out.Encode(response); err != nil {
		fmt.Fprintln(os.Stderr, "goabi:", err)
		os.Exit(2)
	}
}

func arguments(marshaled []abi.ArgumentMarshaling) (abi.Arguments, error) {
	args := make(abi.Arguments, len(marshaled))
	for i, m := range marshaled {
		typ, err := abi.NewType(m.Type, m.InternalType, m.Components)
		if err != nil {
			return nil, err
		}
		args[i] = abi.Argument{Name: m.Name, Type: typ}
	}
	return args, nil
}

func runVector(v vector) (result vectorResult) {
	args, err := arguments(v.Args)
	if err != nil {
		result.PackError = err.Error()
		return result
	}
	if packed, err := pack(args, v.Values); err != nil {
		result.PackError = err.Error()
	} else {
		result.Packed = hexutil.Encode(packed)
	}
	if unpacked, err := unpack(args, v.Data); err != nil {
		result.UnpackError = err.Error()
	} else {
		result.Unpacked = unpacked
	}
	return result
}

func pack(args abi.Arguments, values []any) ([]byte, error) {
	if len(values) != len(args) {
		return nil, fmt.Errorf("%d values for %d arguments", len(values), len(args))
	}
	goValues := make([]any, len(values))
	for i, value := range values {
		goValue, err := fromJSON(args[i].Type, value)
		if err != nil {
			return nil, fmt.Errorf("argument %d: %w", i, err)
		}
		goValues[i] = goValue.Interface()
	}
	return args.Pack(goValues...)
}

func unpack(args abi.Arguments, data string) ([]any, error) {
	raw, err := hexutil.Decode(data)
	if err != nil {
		return nil, err
	}
	values, err := args.Unpack(raw)
	if err != nil {
		return nil, err
	}
	out := make([]any, len(values))
	for i, value := range values {
		out[i] = toJSON(args[i].Type, reflect.ValueOf(value))
	}
	return out, nil
}

// runTopic hashes one indexed value as a log filter would: MakeTopics picks the encoding from
// the Go type of the value, which is the type Pack and Unpack use for the ABI type.
func runTopic(t topic) topicResult {
	typ, err := abi.NewType(t.Arg.Type, t.Arg.InternalType, t.Arg.Components)
	if err != nil {
		return topicResult{Error: err.Error()}
	}
	value, err := fromJSON(typ, t.Value)
	if err != nil {
		return topicResult{Error: err.Error()}
	}
	topics, err := abi.MakeTopics([]any{value.Interface()})
	if err != nil {
		return topicResult{Error: err.Error()}
	}
	return topicResult{Topic: topics[0][0].Hex()}
}

var bigIntType = reflect.TypeFor[*big.Int]()

// fromJSON builds the Go value go-ethereum expects for typ (typ.GetType()) from its JSON form.
func fromJSON(typ abi.Type, value any) (reflect.Value, error) {
	goType := typ.GetType()
	switch typ.T {
	case abi.IntTy, abi.UintTy:
		text, _ := value.(string)
		n, ok := new(big.Int).SetString(text, 10)
		switch {
		case !ok:
			return reflect.Value{}, fmt.Errorf("%s: not a decimal string: %v", typ, value)
		case goType == bigIntType:
			return reflect.ValueOf(n), nil
		case typ.T == abi.UintTy && n.IsUint64():
			return reflect.ValueOf(n.Uint64()).Convert(goType), nil
		case typ.T == abi.IntTy && n.IsInt64():
			return reflect.ValueOf(n.Int64()).Convert(goType), nil
		}
		return reflect.Value{}, fmt.Errorf("%s: out of range: %s", typ, text)
	case abi.BoolTy, abi.StringTy:
		v := reflect.ValueOf(value)
		if v.Type() != goType {
			return reflect.Value{}, fmt.Errorf("%s: got %T", typ, value)
		}
		return v, nil
	case abi.AddressTy:
		text, _ := value.(string)
		if !common.IsHexAddress(text) {
			return reflect.Value{}, fmt.Errorf("address: not 20 hex bytes: %v", value)
		}
		return reflect.ValueOf(common.HexToAddress(text)), nil
	case abi.BytesTy, abi.FixedBytesTy, abi.FunctionTy:
		text, _ := value.(string)
		raw, err := hexutil.Decode(text)
		if err != nil {
			return reflect.Value{}, fmt.Errorf("%s: %w", typ, err)
		}
		if typ.T == abi.BytesTy {
			return reflect.ValueOf(raw), nil
		}
		if len(raw) != goType.Len() {
			return reflect.Value{}, fmt.Errorf("%s: got %d bytes", typ, len(raw))
		}
		array := reflect.New(goType).Elem()
		reflect.Copy(array, reflect.ValueOf(raw))
		return array, nil
	case abi.SliceTy, abi.ArrayTy:
		items, ok := value.([]any)
		if !ok {
			return reflect.Value{}, fmt.Errorf("%s: not a list: %v", typ, value)
		}
		var list reflect.Value
		if typ.T == abi.SliceTy {
			list = reflect.MakeSlice(goType, len(items), len(items))
		} else if len(items) == typ.Size {
			list = reflect.New(goType).Elem()
		} else {
			return reflect.Value{}, fmt.Errorf("%s: got %d items", typ, len(items))
		}
		for i, item := range items {
			v, err := fromJSON(*typ.Elem, item)
			if err != nil {
				return reflect.Value{}, err
			}
			list.Index(i).Set(v)
		}
		return list, nil
	case abi.TupleTy:
		items, ok := value.([]any)
		if !ok || len(items) != len(typ.TupleElems) {
			return reflect.Value{}, fmt.Errorf("%s: not a list of %d items: %v", typ, len(typ.TupleElems), value)
		}
		// NewType makes one struct field per component, in order.
		tuple := reflect.New(goType).Elem()
		for i, item := range items {
			v, err := fromJSON(*typ.TupleElems[i], item)
			if err != nil {
				return reflect.Value{}, err
			}
			tuple.Field(i).Set(v)
		}
		return tuple, nil
	}
	return reflect.Value{}, fmt.Errorf("unsupported type %s", typ)
}

// toJSON is the inverse of fromJSON, led by the ABI type (a uint8[2] is a [2]uint8 in Go,
// the same Go type as a bytes2, and must stay a list of integers).
func toJSON(typ abi.Type, v reflect.Value) any {
	switch typ.T {
	case abi.IntTy, abi.UintTy:
		if n, ok := v.Interface().(*big.Int); ok {
			return n.String()
		}
		return fmt.Sprint(v.Interface())
	case abi.BoolTy:
		return v.Bool()
	case abi.StringTy:
		return v.String()
	case abi.AddressTy:
		return v.Interface().(common.Address).Hex()
	case abi.BytesTy:
		return hexutil.Encode(v.Bytes())
	case abi.FixedBytesTy, abi.FunctionTy:
		raw := make([]byte, v.Len())
		reflect.Copy(reflect.ValueOf(raw), v)
		return hexutil.Encode(raw)
	case abi.SliceTy, abi.ArrayTy:
		items := make([]any, v.Len())
		for i := range items {
			items[i] = toJSON(*typ.Elem, v.Index(i))
		}
		return items
	case abi.TupleTy:
		items := make([]any, v.NumField())
		for i := range items {
			items[i] = toJSON(*typ.TupleElems[i], v.Field(i))
		}
		return items
	}
	panic(fmt.Sprintf("unsupported type %s", typ))
}
